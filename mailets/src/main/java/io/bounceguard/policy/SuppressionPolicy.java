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

    public SuppressionPolicy(PolicySettings settings) {
        this.settings = settings;
        this.classifier = new EventClassifier(settings);
        this.classifierIfVerified = new EventClassifier(settings.withUnverifiedSuppress(true));
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
        List<HistoryEvent> ordered = new ArrayList<>(history);
        ordered.sort(EVENT_ORDER);
        Fold fold = new Fold(addressKey, storedScope);
        for (HistoryEvent h : ordered) {
            if (targets(h).contains(storedScope)) {
                fold.apply(h, effectOf(h.event()));
            }
        }
        return fold.outcome(now);
    }

    /** The running state of one address in one scope while its events are folded. */
    private final class Fold {
        private final String addressKey;
        private final String storedScope;
        private final Deque<HistoryEvent> softWindow = new ArrayDeque<>();
        private SuppressionEntry entry;
        private String rule = RULE_NONE;
        private List<Long> evidence = List.of();
        private int hard;
        private int soft;
        private int complaints;
        private int senderSide;
        private int delivered;
        private Instant lastEventTime;

        Fold(String addressKey, String storedScope) {
            this.addressKey = addressKey;
            this.storedScope = storedScope;
        }

        void apply(HistoryEvent h, EventEffect effect) {
            BounceEvent e = h.event();
            Instant t = e.time();
            lastEventTime = t;
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
                    softWindow.addLast(h);
                    Instant windowStart = t.minus(settings.softWindow());
                    while (!softWindow.getFirst().event().time().isAfter(windowStart)) {
                        softWindow.removeFirst();
                    }
                    if (softWindow.size() >= settings.softThreshold() && (entry == null || isSoftSuppression(entry))) {
                        suppress(SuppressionOrigin.BOUNCE, e.reason(), RULE_SOFT, h, t.plus(settings.softExpiry()),
                                softWindow.stream().map(w -> w.event().id()).toList());
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
            return new PolicyOutcome(inForce, status, rule, evidence);
        }
    }

    private static Instant plus(Instant time, java.time.Duration duration) {
        return duration == null ? null : time.plus(duration);
    }
}
