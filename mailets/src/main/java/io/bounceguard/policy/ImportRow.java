package io.bounceguard.policy;

import java.time.Instant;

/** One line of a bulk import: an address, its list ({@code scope} null = global), a reason and an optional end. */
public record ImportRow(String address, String scope, String reason, Instant until) {
}
