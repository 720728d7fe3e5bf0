package io.bounceguard.mailet;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import io.bounceguard.metrics.BounceMetrics;
import io.bounceguard.policy.EventRecorder;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;

/**
 * Records a "suppressed at relay" event for every recipient of the mail it gets, which is the
 * suppressed copy split off by {@link IsSuppressedRecipient}. It does not stop the mail itself:
 * the processor ghosts it or sends it on afterwards.
 */
public class RecordSuppressedDelivery extends GenericMailet {
    private final EventRecorder recorder;
    private final BounceMetrics metrics;

    @Inject
    public RecordSuppressedDelivery(EventRecorder recorder, BounceMetrics metrics) {
        this.recorder = recorder;
        this.metrics = metrics;
    }

    @Override
    public void service(Mail mail) {
        String sender = mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(null);
        String messageId = messageId(mail);
        for (MailAddress recipient : mail.getRecipients()) {
            recorder.record(BounceEvent.builder()
                .recipient(recipient.asString())
                .originalSender(sender)
                .scope(Addresses.domainOf(sender))
                .source(EventSource.SUPPRESSED_AT_RELAY)
                .kind("suppressed")
                .reason("suppressed")
                .bounceType("none")
                .messageId(messageId)
                .verified(true)
                .build());
            metrics.suppressedAtRelay();
        }
    }

    private static String messageId(Mail mail) {
        try {
            return mail.getMessage().getMessageID();
        } catch (javax.mail.MessagingException e) {
            return null;
        }
    }

    @Override
    public String getMailetInfo() {
        return "Bounce Guard: record deliveries stopped by the suppression list";
    }
}
