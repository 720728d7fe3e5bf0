package io.bounceguard.mailet;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;

/** Changes the envelope sender, which the mailet API only allows on James's own mail class. */
final class Senders {
    private Senders() {
    }

    static void replace(Mail mail, MailAddress sender) throws MessagingException {
        if (!(mail instanceof MailImpl)) {
            throw new MessagingException("cannot change the sender of a " + mail.getClass().getName());
        }
        ((MailImpl) mail).setSender(sender);
    }
}
