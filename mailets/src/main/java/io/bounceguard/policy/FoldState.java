package io.bounceguard.policy;

import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.SuppressionEntry;
import java.time.Instant;
import java.util.List;

/**
 * What the fold of one address's events in one scope has gathered, saved beside the address's status so that the
 * next events are folded on from here rather than from the whole log: the settings it was folded under (their
 * {@link PolicySettings#fingerprint}), the last event folded ({@code lastTime} null = none), the counters, the rule
 * that last decided with its evidence, the suppression (null = none; kept after it ends, as the fold keeps it) and
 * the soft bounces still inside the window.
 */
public record FoldState(String settings, Instant lastTime, long lastId, int hard, int soft, int complaints,
        int senderSide, int delivered, String rule, List<Long> evidence, SuppressionEntry entry, List<Mark> softWindow) {

    public FoldState {
        evidence = List.copyOf(evidence);
        softWindow = List.copyOf(softWindow);
    }

    /** One soft bounce in the window: its time and event id. */
    public record Mark(Instant time, long id) {
    }

    /** True when {@code event} comes after every event folded so far, in the fold's order (time, then id). */
    public boolean endsBefore(BounceEvent event) {
        if (lastTime == null) {
            return true;
        }
        int byTime = event.time().compareTo(lastTime);
        return byTime > 0 || byTime == 0 && event.id() != null && event.id() > lastId;
    }
}
