package io.bounceguard.store;

import java.time.Instant;

/**
 * A filter over the event log. Every filter is optional. Results are ordered by event id (insertion order),
 * newest first unless {@link Builder#oldestFirst()}; {@code afterId} continues a page after the last id seen.
 * {@code recipient} matches the suppression key when the address can be normalised, else the raw recipient.
 */
public record EventQuery(String recipient, String recipientDomain, String scope, String reason, String bounceType,
        EventSource source, Boolean verified, Boolean acknowledged, Instant from, Instant to, Long afterId,
        boolean oldestFirst, int limit) {

    public static final int MAX_LIMIT = 10_000;

    public EventQuery {
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("time range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Events of one recipient, newest first. */
    public static EventQuery forRecipient(String recipient, int limit) {
        return builder().recipient(recipient).limit(limit).build();
    }

    /** Fluent builder; default limit 100. */
    public static final class Builder {
        private String recipient;
        private String recipientDomain;
        private String scope;
        private String reason;
        private String bounceType;
        private EventSource source;
        private Boolean verified;
        private Boolean acknowledged;
        private Instant from;
        private Instant to;
        private Long afterId;
        private boolean oldestFirst;
        private int limit = 100;

        private Builder() {
        }

        public Builder recipient(String value) { this.recipient = value; return this; }
        public Builder recipientDomain(String value) { this.recipientDomain = value; return this; }
        public Builder scope(String value) { this.scope = value; return this; }
        public Builder reason(String value) { this.reason = value; return this; }
        public Builder bounceType(String value) { this.bounceType = value; return this; }
        public Builder source(EventSource value) { this.source = value; return this; }
        public Builder verified(Boolean value) { this.verified = value; return this; }
        public Builder acknowledged(Boolean value) { this.acknowledged = value; return this; }
        /** Events at or after this time. */
        public Builder from(Instant value) { this.from = value; return this; }
        /** Events before this time. */
        public Builder to(Instant value) { this.to = value; return this; }
        public Builder afterId(Long value) { this.afterId = value; return this; }
        public Builder oldestFirst() { this.oldestFirst = true; return this; }
        public Builder limit(int value) { this.limit = value; return this; }

        public EventQuery build() {
            return new EventQuery(recipient, recipientDomain, scope, reason, bounceType, source, verified,
                    acknowledged, from, to, afterId, oldestFirst, limit);
        }
    }
}
