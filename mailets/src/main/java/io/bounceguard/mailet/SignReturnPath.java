package io.bounceguard.mailet;

import java.time.Clock;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bounceguard.verp.SignedReturnPath;

/**
 * Replaces the envelope sender of a one-recipient mail by a signed return path that names the recipient
 * (see {@link SignedReturnPath}), so that a bounce coming back to it is attributed to exactly that recipient
 * and a forged bounce is recognised. The original sender is kept in the attribute
 * {@code bounceguard.originalSender} for the bounce processor ({@link RestoreReturnPath},
 * {@link RecordDeliveryFailure}). Mail with a null sender (bounces) or several recipients is left alone: put
 * {@link SplitByRecipient} in front. Does nothing while {@code verp.enabled} is false.
 */
public class SignReturnPath extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SignReturnPath.class);

    private final SignedReturnPath signedReturnPath;
    private final Clock clock;

    @Inject
    public SignReturnPath(SignedReturnPath signedReturnPath) {
        this(signedReturnPath, Clock.systemUTC());
    }

    SignReturnPath(SignedReturnPath signedReturnPath, Clock clock) {
        this.signedReturnPath = signedReturnPath;
        this.clock = clock;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!signedReturnPath.settings().enabled() || !mail.hasSender()
            || mail.getAttribute(MailAttributes.ORIGINAL_SENDER).isPresent()) {
            return;
        }
        if (mail.getRecipients().size() != 1) {
            LOGGER.debug("{}: {} recipients, return path not signed", mail.getName(), mail.getRecipients().size());
            return;
        }
        MailAddress sender = mail.getMaybeSender().get();
        MailAddress recipient = mail.getRecipients().iterator().next();
        String signed = signedReturnPath.sign(recipient.asString(), sender.getDomain().asString(), clock.instant());
        Senders.replace(mail, new MailAddress(signed));
        MailAttributes.set(mail, MailAttributes.ORIGINAL_SENDER, sender.asString());
    }

    @Override
    public String getMailetInfo() {
        return "Bounce Guard: signed return path per recipient";
    }
}
