package io.bounceguard.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One classified event as the log keeps it. The recipient is kept as reported; the suppression key is
 * derived from it by {@link AddressNormalizer}. {@code scope} is the original sender's domain, or null for
 * the global list only. {@code id} is null until the event is stored; {@code time} is kept to the microsecond.
 */
public record BounceEvent(Long id, Instant time, String recipient, String originalSender, String scope,
        EventSource source, String kind, String action, String status, Integer replyCode, String reason,
        String bounceType, String diagnostic, String remoteMta, String reportingMta, String messageId,
        boolean verified, String feedbackType) {

    public BounceEvent {
        time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(source, "source");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this event's values. */
    public Builder toBuilder() {
        return new Builder().id(id).time(time).recipient(recipient).originalSender(originalSender).scope(scope)
                .source(source).kind(kind).action(action).status(status).replyCode(replyCode).reason(reason)
                .bounceType(bounceType).diagnostic(diagnostic).remoteMta(remoteMta).reportingMta(reportingMta)
                .messageId(messageId).verified(verified).feedbackType(feedbackType);
    }

    /** Fluent builder; {@code time} defaults to now. */
    public static final class Builder {
        private Long id;
        private Instant time;
        private String recipient;
        private String originalSender;
        private String scope;
        private EventSource source;
        private String kind;
        private String action;
        private String status;
        private Integer replyCode;
        private String reason;
        private String bounceType;
        private String diagnostic;
        private String remoteMta;
        private String reportingMta;
        private String messageId;
        private boolean verified;
        private String feedbackType;

        private Builder() {
        }

        public Builder id(Long value) { this.id = value; return this; }
        public Builder time(Instant value) { this.time = value; return this; }
        public Builder recipient(String value) { this.recipient = value; return this; }
        public Builder originalSender(String value) { this.originalSender = value; return this; }
        public Builder scope(String value) { this.scope = value; return this; }
        public Builder source(EventSource value) { this.source = value; return this; }
        public Builder kind(String value) { this.kind = value; return this; }
        public Builder action(String value) { this.action = value; return this; }
        public Builder status(String value) { this.status = value; return this; }
        public Builder replyCode(Integer value) { this.replyCode = value; return this; }
        public Builder reason(String value) { this.reason = value; return this; }
        public Builder bounceType(String value) { this.bounceType = value; return this; }
        public Builder diagnostic(String value) { this.diagnostic = value; return this; }
        public Builder remoteMta(String value) { this.remoteMta = value; return this; }
        public Builder reportingMta(String value) { this.reportingMta = value; return this; }
        public Builder messageId(String value) { this.messageId = value; return this; }
        public Builder verified(boolean value) { this.verified = value; return this; }
        public Builder feedbackType(String value) { this.feedbackType = value; return this; }

        public BounceEvent build() {
            return new BounceEvent(id, time == null ? Instant.now() : time, recipient, originalSender, scope, source,
                    kind, action, status, replyCode, reason, bounceType, diagnostic, remoteMta, reportingMta,
                    messageId, verified, feedbackType);
        }
    }
}
