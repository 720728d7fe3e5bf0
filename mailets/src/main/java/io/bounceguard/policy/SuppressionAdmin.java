package io.bounceguard.policy;

import io.bounceguard.store.AddressState;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.HistoryEvent;
import io.bounceguard.store.NormalizedAddress;
import io.bounceguard.store.PendingEvent;
import io.bounceguard.store.Scopes;
import io.bounceguard.store.StoreException;
import io.bounceguard.store.SuppressionEntry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations the ops layer needs on suppressions: explain an address's status, add and remove entries,
 * bulk import. Every change is an event in the log (source MANUAL or IMPORT), so the decision stays
 * explainable and replayable. Malformed addresses and scopes are refused with {@link IllegalArgumentException};
 * a database failure is reported as {@link StoreException} (ops changes are not spooled).
 */
public final class SuppressionAdmin {
    private final BounceStore store;
    private final SuppressionPolicy policy;
    private final PolicyWriter writer;
    private final Runnable afterWrite;
    private final Clock clock;

    SuppressionAdmin(BounceStore store, SuppressionPolicy policy, PolicyWriter writer, Runnable afterWrite, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.writer = writer;
        this.afterWrite = afterWrite;
        this.clock = clock;
    }

    /** Why the address has its status in the scope ({@code null} = global), with the events behind it. */
    public Explanation explain(String address, String scope) {
        NormalizedAddress key = store.normalizer().normalize(address);
        String storedScope = storedScope(scope);
        List<HistoryEvent> history = store.query("read address history",
                connection -> store.eventLog().history(connection, List.of(key.key())));
        PolicyOutcome outcome = policy.evaluate(key.key(), storedScope, history, clock.instant());
        Map<Long, BounceEvent> byId = new LinkedHashMap<>();
        history.forEach(h -> byId.put(h.event().id(), h.event()));
        List<BounceEvent> evidence = outcome.evidenceEventIds().stream().map(byId::get).toList();
        AddressState state = outcome.status().state();
        return new Explanation(key.key(), Scopes.api(storedScope), state, outcome.entry(), outcome.rule(), evidence,
                summary(key.key(), storedScope, state, outcome, evidence.size()));
    }

    /** Explanations for every scope in which the address has events or entries, global first. */
    public List<Explanation> explainAllScopes(String address) {
        NormalizedAddress key = store.normalizer().normalize(address);
        List<HistoryEvent> history = store.query("read address history",
                connection -> store.eventLog().history(connection, List.of(key.key())));
        Set<String> scopes = new TreeSet<>(policy.targets(history));
        scopes.add(Scopes.GLOBAL);
        List<Explanation> explanations = new ArrayList<>();
        for (String scope : scopes) {
            explanations.add(explain(address, Scopes.api(scope)));
        }
        return explanations;
    }

    private static String summary(String key, String storedScope, AddressState state, PolicyOutcome outcome, int events) {
        String list = storedScope.isEmpty() ? "the global list" : "the list of " + storedScope;
        switch (state) {
            case SUPPRESSED:
                return key + " is suppressed on " + list + " by rule '" + outcome.rule() + "' (reason "
                        + outcome.entry().reason() + ", since " + outcome.entry().since()
                        + (outcome.entry().until() == null ? ", no expiry" : ", until " + outcome.entry().until())
                        + ") on the evidence of " + events + " event(s)";
            case EXPIRED:
                return key + " was suppressed on " + list + " by rule '" + outcome.rule() + "' until "
                        + outcome.status().until() + "; that suppression has expired";
            default:
                return key + " is active on " + list
                        + (SuppressionPolicy.RULE_NONE.equals(outcome.rule()) ? "" : " (last decision: '" + outcome.rule() + "')");
        }
    }

    /** Puts the address on a list with a reason and an optional end ({@code until} null = until removed). */
    public SuppressionEntry suppress(String address, String scope, String reason, Instant until, String operator) {
        NormalizedAddress key = store.normalizer().normalize(address);
        String storedScope = storedScope(scope);
        if (until != null && !until.isAfter(clock.instant())) {
            throw new IllegalArgumentException("expiry " + until + " is not in the future");
        }
        write(List.of(PendingEvent.withExpiry(manualEvent(key, storedScope, EventClassifier.ACTION_SUPPRESS,
                reason == null || reason.isBlank() ? "manual" : reason.trim(), operator), until)));
        return explain(address, scope).entry();
    }

    /** Takes the address off a list until a new event puts it back; returns whether it was suppressed there. */
    public boolean remove(String address, String scope, String operator) {
        NormalizedAddress key = store.normalizer().normalize(address);
        String storedScope = storedScope(scope);
        boolean wasSuppressed = explain(address, scope).state() == AddressState.SUPPRESSED;
        write(List.of(PendingEvent.of(manualEvent(key, storedScope, EventClassifier.ACTION_REMOVE, null, operator))));
        return wasSuppressed;
    }

    /** Imports rows in batches; malformed rows are reported, not thrown. */
    public ImportResult importSuppressions(Iterator<ImportRow> rows, String operator, int batchSize) {
        List<ImportResult.Rejected> rejected = new ArrayList<>();
        List<PendingEvent> batch = new ArrayList<>(batchSize);
        long imported = 0;
        long number = 0;
        Instant now = clock.instant();
        while (rows.hasNext()) {
            ImportRow row = rows.next();
            number++;
            try {
                NormalizedAddress key = store.normalizer().normalize(row.address());
                if (row.until() != null && !row.until().isAfter(now)) {
                    throw new IllegalArgumentException("expiry " + row.until() + " is not in the future");
                }
                BounceEvent event = BounceEvent.builder().time(now).recipient(key.key()).scope(Scopes.api(storedScope(row.scope())))
                        .source(EventSource.IMPORT).action(EventClassifier.ACTION_SUPPRESS)
                        .reason(row.reason() == null || row.reason().isBlank() ? "import" : row.reason().trim())
                        .diagnostic("imported by " + operatorName(operator)).build();
                batch.add(PendingEvent.withExpiry(event, row.until()));
            } catch (IllegalArgumentException e) {
                rejected.add(new ImportResult.Rejected(number, row.address(), e.getMessage()));
            }
            if (batch.size() >= batchSize) {
                write(batch);
                imported += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
            imported += batch.size();
        }
        return new ImportResult(imported, rejected);
    }

    private BounceEvent manualEvent(NormalizedAddress key, String storedScope, String action, String reason, String operator) {
        return BounceEvent.builder().time(clock.instant()).recipient(key.key()).scope(Scopes.api(storedScope))
                .source(EventSource.MANUAL).action(action).reason(reason)
                .diagnostic(action + " by " + operatorName(operator)).build();
    }

    private static String operatorName(String operator) {
        return operator == null || operator.isBlank() ? "an operator" : operator.trim();
    }

    private String storedScope(String scope) {
        return scope == null || scope.isBlank() ? Scopes.GLOBAL : store.normalizer().normalizeDomain(scope);
    }

    private void write(List<PendingEvent> events) {
        try {
            writer.write(events);
        } catch (SQLException e) {
            throw new StoreException("cannot write to the bounce store: " + e.getMessage(), e);
        }
        afterWrite.run();
    }
}
