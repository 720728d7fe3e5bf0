package io.bounceguard.webadmin;

import java.time.Instant;
import java.util.List;

import io.bounceguard.policy.EventClassifier;
import io.bounceguard.policy.EventRecorder;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.PendingEvent;
import io.bounceguard.store.Scopes;

/**
 * Puts addresses on a list or takes them off, as events in the log (MANUAL suppress/remove, IMPORT), so the
 * policy, the address status and every node's lookup snapshot follow as for any other event.
 */
public final class SuppressionWriter {
    private final EventRecorder recorder;

    public SuppressionWriter(EventRecorder recorder) {
        this.recorder = recorder;
    }

    /** One manual suppression; {@code storedScope} empty = global; {@code until} null = no expiry. */
    public void suppress(String addressKey, String storedScope, String reason, Instant until, String note, String by) {
        recorder.recordAll(List.of(PendingEvent.withExpiry(event(addressKey, storedScope, EventSource.MANUAL,
            EventClassifier.ACTION_SUPPRESS, reason, note, by), until)));
    }

    public void remove(String addressKey, String storedScope, String note, String by) {
        recorder.recordAll(List.of(PendingEvent.of(event(addressKey, storedScope, EventSource.MANUAL,
            EventClassifier.ACTION_REMOVE, null, note, by))));
    }

    /** Imported suppressions, written in the recorder's batches. */
    public void imported(List<PendingEvent> events) {
        recorder.recordAll(events);
    }

    public static PendingEvent importEvent(String addressKey, String storedScope, String reason, Instant until, String by) {
        return PendingEvent.withExpiry(event(addressKey, storedScope, EventSource.IMPORT, EventClassifier.ACTION_SUPPRESS,
            reason, "CSV import", by), until);
    }

    private static BounceEvent event(String addressKey, String storedScope, EventSource source, String action, String reason,
                                     String note, String by) {
        return BounceEvent.builder()
            .time(Instant.now())
            .recipient(addressKey)
            .scope(Scopes.api(storedScope))
            .source(source)
            .kind("manual")
            .action(action)
            .reason(reason)
            .diagnostic(note == null ? "by " + by : note + " (by " + by + ")")
            .verified(true)
            .build();
    }
}
