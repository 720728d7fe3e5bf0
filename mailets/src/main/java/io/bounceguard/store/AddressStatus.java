package io.bounceguard.store;

import java.time.Instant;

/** The current status of an address in one scope ({@code scope} null = global) with its event counters. */
public record AddressStatus(String addressKey, String scope, AddressState state, String reason, String rule,
        Instant since, Instant until, int hardCount, int softCount, int complaintCount, int senderSideCount,
        int deliveredCount, Instant lastEventTime) {

    /** The state as of {@code now}: a suppression whose end has passed reads as expired. */
    public AddressState stateAt(Instant now) {
        return state == AddressState.SUPPRESSED && until != null && !now.isBefore(until) ? AddressState.EXPIRED : state;
    }
}
