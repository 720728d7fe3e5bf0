package io.bounceguard.james39;

import jakarta.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Stands in for the terminal mailets the mailet container configuration uses but James 3.9.0 does
 * not publish on Maven Central (ToRepository, RemoteDelivery, LocalDelivery): it records the mail
 * under its {@code name} parameter and ends its processing, as those mailets do.
 */
public class StandIn extends GenericMailet {
    private static final AttributeName KIND = AttributeName.of("bounceguard.kind");

    private final Arrivals arrivals;
    private String name;

    @Inject
    public StandIn(Arrivals arrivals) {
        this.arrivals = arrivals;
    }

    @Override
    public void init() {
        name = getInitParameter("name");
    }

    @Override
    public void service(Mail mail) {
        arrivals.add(new Arrivals.Arrival(name, mail.getName(),
            mail.getRecipients().stream().map(MailAddress::asString).toList(),
            AttributeUtils.getValueAndCastFromMail(mail, KIND, String.class).orElse(null)));
        mail.setState(Mail.GHOST);
    }
}
