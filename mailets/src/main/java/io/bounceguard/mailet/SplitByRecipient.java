package io.bounceguard.mailet;

import java.util.ArrayList;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Splits a mail with several recipients into one mail per recipient, so that RemoteDelivery reports each
 * failure with that recipient's own reply (James 3.8.1 keeps only the first failed recipient's reply in
 * {@code delivery-error}) and so that {@link SignReturnPath} can sign each return path for its recipient.
 *
 * <p>The mail keeps its first recipient and goes on; every other recipient gets a copy (same message,
 * attributes and sender) sent to the processor {@code processor} (default: the processor this mailet is in).
 * Copies are taken off the original one by one, so a failure half way loses and duplicates nothing: the mail
 * goes on with the recipients that were not split off yet. The mail queue keeps its own copy of what it is
 * given, so each copy is disposed of once sent.
 */
public class SplitByRecipient extends GenericMailet {
    private String processor;

    @Override
    public void init() throws MessagingException {
        processor = getInitParameterAsOptional("processor").orElse(null);
        if (processor != null && processor.isBlank()) {
            throw new MessagingException("SplitByRecipient: parameter 'processor' is empty");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<MailAddress> remaining = new ArrayList<>(mail.getRecipients());
        String target = processor != null ? processor : mail.getState();
        while (remaining.size() > 1) {
            MailAddress recipient = remaining.get(remaining.size() - 1);
            Mail copy = mail.duplicate();
            try {
                copy.setRecipients(List.of(recipient));
                getMailetContext().sendMail(copy, target);
            } finally {
                LifecycleUtil.dispose(copy);
            }
            remaining.remove(remaining.size() - 1);
            mail.setRecipients(List.copyOf(remaining));
        }
    }

    @Override
    public String getMailetInfo() {
        return "Bounce Guard: one recipient per mail";
    }
}
