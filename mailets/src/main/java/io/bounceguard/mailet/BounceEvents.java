package io.bounceguard.mailet;

import io.bounceguard.classify.Classification;
import io.bounceguard.classify.MessageKind;
import io.bounceguard.classify.RecipientResult;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;

/** Turns classifier results into store events. */
final class BounceEvents {
    private BounceEvents() {
    }

    static BounceEvent fromClassification(Classification classification, RecipientResult recipient, String originalSender) {
        return BounceEvent.builder()
            .recipient(recipient.address())
            .originalSender(originalSender)
            .scope(Addresses.domainOf(originalSender))
            .source(sourceOf(classification.kind()))
            .kind(classification.kind().id())
            .action(recipient.action())
            .status(recipient.status())
            .replyCode(recipient.replyCode())
            .reason(recipient.reason().id())
            .bounceType(recipient.bounce().id())
            .diagnostic(recipient.diagnostic())
            .remoteMta(recipient.remoteMta())
            .reportingMta(classification.reportingMta())
            .messageId(classification.originalMessageId())
            .verified(false)
            .feedbackType(classification.feedbackType())
            .build();
    }

    static EventSource sourceOf(MessageKind kind) {
        switch (kind) {
            case DSN:
                return EventSource.INBOUND_DSN;
            case COMPLAINT:
                return EventSource.COMPLAINT;
            case AUTOREPLY:
                return EventSource.AUTOREPLY;
            default:
                return EventSource.NONSTANDARD_BOUNCE;
        }
    }
}
