package io.bounceguard.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * An event on its way into the log: its unique id (which makes a replay from the spool idempotent) and,
 * for manual or imported suppressions, the expiry the operator asked for.
 */
public record PendingEvent(String uid, BounceEvent event, Instant requestedUntil) {

    public PendingEvent {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(event, "event");
        requestedUntil = requestedUntil == null ? null : requestedUntil.truncatedTo(ChronoUnit.MICROS);
    }

    public static PendingEvent of(BounceEvent event) {
        return new PendingEvent(UUID.randomUUID().toString(), event, null);
    }

    public static PendingEvent withExpiry(BounceEvent event, Instant requestedUntil) {
        return new PendingEvent(UUID.randomUUID().toString(), event, requestedUntil);
    }
}
