package io.bounceguard.policy;

import io.bounceguard.store.AddressState;
import io.bounceguard.store.AddressStatus;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.HistoryEvent;
import io.bounceguard.store.Scopes;
import io.bounceguard.store.SuppressionEntry;
import io.bounceguard.store.SuppressionOrigin;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suppression rules. The state of an address in a scope is a pure function of its events ordered by
 * event time (then id), so events replayed late or out of order give the same result as in order.
 */
public final class SuppressionPolicy {
    public static final String RULE_HARD = "hard-bounce";
    public static final String RULE_COMPLAINT = "complaint";
    public static final String RULE_SOFT = "soft-bounce-threshold";
    public static final String RULE_MANUAL = "manual";
    public static final String RULE_IMPORT = "import";
    public static final String RULE_REMOVED = "manual-removal";
    public static final String RULE_DELIVERED = "delivery-lifted-soft-bounce";
    public static final String RULE_NONE = "none";

    private static final Comparator<HistoryEvent> EVENT_ORDER =
            Comparator.comparing((HistoryEvent h) -> h.event().time()).thenComparing(h -> h.event().id());

    private final PolicySettings settings;
    private final EventClassifier classifier;
    /** Classifies as if unverified reports counted: tells which ignored reports would have had an effect. */
    private final EventClassifier classifierIfVerified;
    /** The settings' fingerprint, stamped on every fold state. */
    private final String fingerprint;

    public SuppressionPolicy(PolicySettings settings) {
        this.settings = settings;
        this.classifier = new EventClassifier(settings);
        this.classifierIfVerified = new EventClassifier(settings.withUnverifiedSuppress(true));
        this.fingerprint = settings.fingerprint();
    }

    public PolicySettings settings() {
        return settings;
    }

    public EventEffect effectOf(BounceEvent event) {
        return classifier.effectOf(event);
    }

    /** Whether the event has no effect only because it is unverified ({@code policy.unverified.suppress=false}). */
    public boolean ignoredAsUnverified(BounceEvent event) {
        return classifier.ignoredAsUnverified(event);
    }

    /** Whether the event would have had an effect but was not counted because it is unverified. */
    public boolean notCountedBecauseUnverified(BounceEvent event) {
        return classifier.ignoredAsUnverified(event) && classifierIfVerified.effectOf(event) != EventEffect.NONE;
    }

    /** The stored scopes whose lists an event acts on. */
    public Set<String> targets(HistoryEvent history) {
        String scope = Scopes.stored(history.event().scope());
        EventSource source = history.event().source();
        if (source == EventSource.MANUAL || source == EventSource.IMPORT || scope.isEmpty()) {
            return Set.of(scope);
        }
        switch (settings.scopeMode()) {
            case SENDER_DOMAIN: return Set.of(scope);
            case BOTH: return Set.of(Scopes.GLOBAL, scope);
            default: return Set.of(Scopes.GLOBAL);
        }
    }

    /** The stored scopes touched by any of the events. */
    public Set<String> targets(List<HistoryEvent> history) {
        Set<String> scopes = new LinkedHashSet<>();
        for (HistoryEvent h : history) {
            scopes.addAll(targets(h));
        }
        return scopes;
    }

    /** Folds the events of one address key into its outcome for one stored scope as of {@code now}. */
    public PolicyOutcome evaluate(String addressKey, String storedScope, List<HistoryEvent> history, Instant now) {
        return resume(addressKey, storedScope, null, history, now);
    }

    /**
     * Folds the events on from a saved state ({@code from} null = from nothing) and returns the outcome as of
     * {@code now}. Only right when every event targeting the scope comes after the state's last event (see
     * {@link #canResume}); the events may come in any order among themselves.
     */
    public PolicyOutcome resume(String addressKey, String storedScope, FoldState from, List<HistoryEvent> events, Instant now) {
        List<HistoryEvent> ordered = new ArrayList<>(events);
        ordered.sort(EVENT_ORDER);
        Fold fold = new Fold(addressKey, storedScope, from);
        for (HistoryEvent h : ordered) {
            if (targets(h).contains(storedScope)) {
                fold.apply(h, effectOf(h.event()));
            }
        }
        return fold.outcome(now);
    }

    /**
     * Whether new events can be folded on from the saved states of an address (by stored scope) and give what a
     * fold of its whole log would: every state was saved under these settings, and every event comes after the
     * last event folded in each scope it targets. A scope without a state has had no event yet.
     */
    public boolean canResume(Map<String, FoldState> saved, List<HistoryEvent> events) {
        for (FoldState state : saved.values()) {
            if (!fingerprint.equals(state.settings())) {
                return false;
            }
        }
        for (HistoryEvent h : events) {
            for (String scope : targets(h)) {
                FoldState state = saved.get(scope);
                if (state != null && !state.endsBefore(h.event())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The running state of one address in one scope while its events are folded. */
    private final class Fold {
        private final String addressKey;
        private final String storedScope;
        private final Deque<FoldState.Mark> softWindow = new ArrayDeque<>();
        private SuppressionEntry entry;
        private String rule = RULE_NONE;
        private List<Long> evidence = List.of();
        private int hard;
        private int soft;
        private int complaints;
        private int senderSide;
        private int delivered;
        private Instant lastEventTime;
        private long lastEventId;

        Fold(String addressKey, String storedScope, FoldState from) {
            this.addressKey = addressKey;
            this.storedScope = storedScope;
            if (from != null) {
                softWindow.addAll(from.softWindow());
                entry = from.entry();
                rule = from.rule();
                evidence = from.evidence();
                hard = from.hard();
                soft = from.soft();
                complaints = from.complaints();
                senderSide = from.senderSide();
                delivered = from.delivered();
                lastEventTime = from.lastTime();
                lastEventId = from.lastId();
            }
        }

        FoldState state() {
            return new FoldState(fingerprint, lastEventTime, lastEventId, hard, soft, complaints, senderSide,
                    delivered, rule, evidence, entry, List.copyOf(softWindow));
        }

        void apply(HistoryEvent h, EventEffect effect) {
            BounceEvent e = h.event();
            Instant t = e.time();
            lastEventTime = t;
            lastEventId = e.id() == null ? 0 : e.id();
            if (entry != null && !entry.activeAt(t)) {
                entry = null;
            }
            switch (effect) {
                case HARD_BOUNCE:
                    hard++;
                    if (entry == null || isSoftSuppression(entry)) {
                        suppress(SuppressionOrigin.BOUNCE, e.reason(), RULE_HARD, h, plus(t, settings.hardExpiry()), List.of(e.id()));
                    }
                    break;
                case COMPLAINT:
                    complaints++;
                    if (entry == null || isSoftSuppression(entry)) {
                        String reason = e.feedbackType() == null ? "feedback" : e.feedbackType();
                        suppress(SuppressionOrigin.COMPLAINT, reason, RULE_COMPLAINT, h, plus(t, settings.complaintExpiry()),
                                List.of(e.id()));
                    }
                    break;
                case SOFT_BOUNCE:
                    soft++;
                    softWindow.addLast(new FoldState.Mark(t, e.id() == null ? 0 : e.id()));
                    Instant windowStart = t.minus(settings.softWindow());
                    while (!softWindow.getFirst().time().isAfter(windowStart)) {
                        softWindow.removeFirst();
                    }
                    if (softWindow.size() >= settings.softThreshold() && (entry == null || isSoftSuppression(entry))) {
                        suppress(SuppressionOrigin.BOUNCE, e.reason(), RULE_SOFT, h, t.plus(settings.softExpiry()),
                                softWindow.stream().map(FoldState.Mark::id).toList());
                    }
                    break;
                case SENDER_SIDE:
                    senderSide++;
                    break;
                case DELIVERED:
                    delivered++;
                    if (settings.deliveryResetsSoftCount()) {
                        softWindow.clear();
                        if (entry != null && isSoftSuppression(entry)) {
                            lift(RULE_DELIVERED, e);
                        }
                    }
                    break;
                case MANUAL_SUPPRESS:
                    boolean imported = e.source() == EventSource.IMPORT;
                    suppress(imported ? SuppressionOrigin.IMPORT : SuppressionOrigin.MANUAL,
                            e.reason() == null ? (imported ? "import" : "manual") : e.reason(),
                            imported ? RULE_IMPORT : RULE_MANUAL, h, h.requestedUntil(), List.of(e.id()));
                    break;
                case MANUAL_REMOVE:
                    softWindow.clear();
                    lift(RULE_REMOVED, e);
                    break;
                default:
                    break;
            }
        }

        private void suppress(SuppressionOrigin origin, String reason, String decidingRule, HistoryEvent h, Instant until,
                List<Long> evidenceIds) {
            entry = new SuppressionEntry(addressKey, Scopes.api(storedScope), origin, reason, decidingRule,
                    h.event().time(), until, h.event().id());
            rule = decidingRule;
            evidence = evidenceIds;
        }

        private void lift(String liftingRule, BounceEvent e) {
            entry = null;
            rule = liftingRule;
            evidence = List.of(e.id());
        }

        private boolean isSoftSuppression(SuppressionEntry current) {
            return RULE_SOFT.equals(current.rule());
        }

        PolicyOutcome outcome(Instant now) {
            AddressState state;
            if (entry == null) {
                state = AddressState.ACTIVE;
            } else {
                state = entry.activeAt(now) ? AddressState.SUPPRESSED : AddressState.EXPIRED;
            }
            SuppressionEntry inForce = state == AddressState.SUPPRESSED ? entry : null;
            AddressStatus status = new AddressStatus(addressKey, Scopes.api(storedScope), state,
                    entry == null ? null : entry.reason(), rule, entry == null ? null : entry.since(),
                    entry == null ? null : entry.until(), hard, soft, complaints, senderSide, delivered, lastEventTime);
            return new PolicyOutcome(inForce, status, rule, evidence, state());
        }
    }

    private static Instant plus(Instant time, java.time.Duration duration) {
        return duration == null ? null : time.plus(duration);
    }
}
