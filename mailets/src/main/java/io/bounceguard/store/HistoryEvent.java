package io.bounceguard.store;

import java.time.Instant;

/**
 * A logged event as the policy folds it: the event, its suppression key, any expiry an operator asked for, and
 * its uid (null where it does not matter), by which a writer tells the events of its own batch from earlier ones.
 */
public record HistoryEvent(BounceEvent event, String addressKey, Instant requestedUntil, String uid) {
    public HistoryEvent(BounceEvent event, String addressKey, Instant requestedUntil) {
        this(event, addressKey, requestedUntil, null);
    }
}
