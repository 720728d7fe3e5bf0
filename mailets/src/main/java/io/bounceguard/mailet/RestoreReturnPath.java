package io.bounceguard.mailet;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Puts back the envelope sender that {@link SignReturnPath} replaced, so that a DSN James writes itself
 * (DSNBounce in the bounce processor) goes to the real sender instead of to the signed return path.
 */
public class RestoreReturnPath extends GenericMailet {
    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> original = MailAttributes.text(mail, MailAttributes.ORIGINAL_SENDER);
        if (original.isPresent()) {
            Senders.replace(mail, new MailAddress(original.get()));
        }
    }

    @Override
    public String getMailetInfo() {
        return "Bounce Guard: restore the sender replaced by the signed return path";
    }
}
