package io.bounceguard.store;

import java.time.Instant;

/** One entry of the ordered change feed that lookup snapshots follow. */
public record SuppressionChange(long seq, String addressKey, String scope, boolean suppressed, Instant until) {
}
