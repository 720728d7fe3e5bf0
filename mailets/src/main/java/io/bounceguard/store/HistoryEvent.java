package io.bounceguard.store;

import java.time.Instant;

/** A logged event as the policy folds it: the event, its suppression key and any expiry an operator asked for. */
public record HistoryEvent(BounceEvent event, String addressKey, Instant requestedUntil) {
}
