package io.bounceguard.store;

import java.time.Instant;

/** An event read back from the log, with its suppression key and whether ops marked it as checked. */
public record StoredEvent(BounceEvent event, String addressKey, Instant acknowledgedAt, String acknowledgedBy) {

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
