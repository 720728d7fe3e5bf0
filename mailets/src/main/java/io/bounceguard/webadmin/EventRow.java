package io.bounceguard.webadmin;

import java.time.Instant;

import io.bounceguard.store.BounceEvent;

/** An event read by the ops queries, with its receiving domain and when (and by whom) it was marked as checked. */
public record EventRow(BounceEvent event, String recipientDomain, Instant checkedAt, String checkedBy) {

    public boolean checked() {
        return checkedAt != null;
    }
}
