package io.bounceguard.policy;

import io.bounceguard.store.AddressState;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.SuppressionEntry;
import java.util.List;

/**
 * Why an address has its status in one scope ({@code scope} null = global): the state, the entry in force
 * if any, the rule that decided, the events behind it, and a sentence saying so.
 */
public record Explanation(String addressKey, String scope, AddressState state, SuppressionEntry entry, String rule,
        List<BounceEvent> evidence, String summary) {
}
