package io.bounceguard.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One suppression: an address key on the global list ({@code scope} null) or a sender domain's list, why
 * and since when, and when it ends ({@code until} null = never). {@code eventId} is the decisive event.
 */
public record SuppressionEntry(String addressKey, String scope, SuppressionOrigin origin, String reason, String rule,
        Instant since, Instant until, Long eventId) {

    public SuppressionEntry {
        Objects.requireNonNull(addressKey, "addressKey");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(since, "since");
    }

    /** True when the entry blocks mail at {@code now}. */
    public boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }
}
