package io.bounceguard.policy;

import io.bounceguard.store.AddressStatus;
import io.bounceguard.store.SuppressionEntry;
import java.util.List;

/**
 * The result of folding an address's events in one scope: the suppression in force (null = none), the status
 * row, the rule that decided, the ids of the events behind that decision, and the fold's state to go on from.
 */
public record PolicyOutcome(SuppressionEntry entry, AddressStatus status, String rule, List<Long> evidenceEventIds,
        FoldState fold) {
}
