package io.bounceguard.mailet;

import java.util.Collection;
import java.util.Locale;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bounceguard.classify.BounceClassifier;
import io.bounceguard.classify.RecipientResult;
import io.bounceguard.policy.EventRecorder;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;

/**
 * Records one event per failed recipient of a mail that James's RemoteDelivery hands to its
 * {@code bounceProcessor}; put it first in that processor. It reads the reply text in {@code delivery-error},
 * never {@code delivery-error-code} (250 for a 5xx at RCPT when {@code sendpartial} is on), and
 * {@code is-delivery-permanent-error}. James's "Too many retries failure" (4xx retries used up, the remote text
 * lost) is recorded as {@code expired}, soft.
 *
 * <p>James keeps only the first failed recipient's reply: when a mail has several failed recipients and the reply
 * names one of them, that one gets it and the others are recorded with no reply ({@code onhold}); a reply that
 * names none (a connection failure, "Too many retries") applies to all. Split mail before RemoteDelivery with {@link SplitByRecipient} so each has its own reply.
 *
 * <p>It sets {@code bounceguard.deliveryFailureRecorded}, which DSNBounce copies into the DSN it writes, so
 * that {@link RecordBounce} does not count that DSN again when it loops back. The events carry the sender
 * before {@link SignReturnPath} and are verified: our own relay saw the failure.
 */
public class RecordDeliveryFailure extends GenericMailet {
    static final String KIND = "remotedelivery";
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordDeliveryFailure.class);

    private final BounceClassifier classifier;
    private final EventRecorder recorder;

    @Inject
    public RecordDeliveryFailure(BounceClassifier classifier, EventRecorder recorder) {
        this.classifier = classifier;
        this.recorder = recorder;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getAttribute(MailAttributes.DELIVERY_FAILURE_RECORDED).isPresent()) {
            return;
        }
        String reply = MailAttributes.text(mail, MailAttributes.DELIVERY_ERROR).orElse(null);
        boolean permanent = MailAttributes.bool(mail, MailAttributes.DELIVERY_PERMANENT).orElse(false);
        String sender = MailAttributes.text(mail, MailAttributes.ORIGINAL_SENDER)
            .orElseGet(() -> mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(null));
        String messageId = messageId(mail);
        Collection<MailAddress> recipients = mail.getRecipients();
        MailAddress owner = namedRecipient(recipients, reply);
        for (MailAddress recipient : recipients) {
            String text = owner == null || recipient.equals(owner) ? reply : null;
            RecipientResult result = classifier.classifyReply(recipient.asString(), text, permanent);
            recorder.record(BounceEvent.builder()
                .recipient(recipient.asString())
                .originalSender(sender)
                .scope(Addresses.domainOf(sender))
                .source(EventSource.REMOTE_DELIVERY)
                .kind(KIND)
                .action(result.action())
                .status(result.status())
                .replyCode(result.replyCode())
                .reason(result.reason().id())
                .bounceType(result.bounce().id())
                .diagnostic(text == null ? "no reply kept by James for this recipient" : text)
                .messageId(messageId)
                .verified(true)
                .build());
        }
        MailAttributes.set(mail, MailAttributes.DELIVERY_FAILURE_RECORDED, true);
        LOGGER.info("{}: RemoteDelivery failure recorded for {} recipient(s)", mail.getName(), recipients.size());
    }

    /** The recipient the reply text names, or null. */
    private static MailAddress namedRecipient(Collection<MailAddress> recipients, String reply) {
        if (reply != null) {
            String lower = reply.toLowerCase(Locale.ROOT);
            for (MailAddress recipient : recipients) {
                if (lower.contains(recipient.asString().toLowerCase(Locale.ROOT))) {
                    return recipient;
                }
            }
        }
        return null;
    }

    private static String messageId(Mail mail) {
        try {
            return mail.getMessage().getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }

    @Override
    public String getMailetInfo() {
        return "Bounce Guard: record RemoteDelivery failures per recipient";
    }
}
