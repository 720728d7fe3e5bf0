package io.bounceguard.policy;

import io.bounceguard.store.AddressStatus;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.HistoryEvent;
import io.bounceguard.store.NormalizedAddress;
import io.bounceguard.store.PendingEvent;
import io.bounceguard.store.Scopes;
import io.bounceguard.store.SqlDialect;
import io.bounceguard.store.StatCounters;
import io.bounceguard.store.SuppressionEntry;
import io.bounceguard.store.SuppressionTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a batch of events and applies the policy to their addresses in one transaction: the events, the
 * address statuses, the suppression entries with their change feed and the statistics counters commit together.
 */
public final class PolicyWriter {
    /** The PostgreSQL channel on which suppression changes are announced to other nodes. */
    public static final String NOTIFY_CHANNEL = "bounce_guard_suppression";
    /** The first key of the advisory locks taken per address on PostgreSQL. */
    private static final int ADVISORY_LOCK_CLASS = 0x4247;
    /**
     * The advisory locks are taken per bucket of addresses, at most this many per transaction: PostgreSQL keeps
     * them in a shared table sized by {@code max_locks_per_transaction} (64 by default) times the connections, and
     * one lock per address made a bulk batch of 5,000 take 5,000 slots, so a few nodes importing at once could run
     * it out of shared memory. Two writers sharing a bucket wait for each other, as they would for one address.
     */
    static final int ADVISORY_LOCK_BUCKETS = 1024;

    private final BounceStore store;
    private final SuppressionPolicy policy;
    private final StatCounters counters;
    private final Clock clock;

    public PolicyWriter(BounceStore store, SuppressionPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.counters = new StatCounters(store.dialect());
        this.clock = clock;
    }

    /**
     * Writes new events; returns the number of suppression entries that changed. Durable on return (see
     * {@link BounceStore#durable}); throws when the database fails.
     */
    public int write(List<PendingEvent> batch) throws SQLException {
        return awaitDurable(writeCommitted(batch, false));
    }

    /** Writes events that may already be logged (spool replay): those are skipped by uid. */
    public int writeReplay(List<PendingEvent> batch) throws SQLException {
        return awaitDurable(writeCommitted(batch, true));
    }

    /**
     * Commits the batch and returns without waiting for the disk: the future completes with the number of
     * suppression entries changed once the commit is durable ({@link BounceStore#durable}), or exceptionally if
     * that fails. The next batch can be written meanwhile. Throws when the transaction fails.
     */
    public CompletableFuture<Integer> writeCommitted(List<PendingEvent> batch, boolean mayRepeat) throws SQLException {
        int changes;
        synchronized (this) {
            changes = store.inTransaction(connection -> writeIn(connection, batch, mayRepeat));
        }
        store.noteEventsWritten(batch.size());
        return store.durable().thenApply(durable -> changes);
    }

    private static int awaitDurable(CompletableFuture<Integer> committed) throws SQLException {
        BounceStore.awaitDurable(committed.thenApply(changes -> null));
        return committed.join();
    }

    private int writeIn(Connection connection, List<PendingEvent> batch, boolean mayRepeat) throws SQLException {
        Set<String> inserted = store.eventLog().insert(connection, batch, mayRepeat);
        List<BounceEvent> insertedEvents = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        for (PendingEvent pending : batch) {
            if (inserted.contains(pending.uid())) {
                insertedEvents.add(pending.event());
                store.eventLog().keyOf(pending.event()).map(NormalizedAddress::key).ifPresent(keys::add);
            }
        }
        int changes = applyPolicy(connection, keys, inserted);
        // Last: every transaction adds to the same counter rows of the day, so a writer on another node waits from
        // its first counter upsert until this transaction commits; coming last keeps that wait short.
        counters.add(connection, StatCounters.incrementsFor(insertedEvents, store.eventLog()));
        if (changes > 0 && store.dialect() == SqlDialect.POSTGRESQL) {
            try (Statement notify = connection.createStatement()) {
                notify.execute("NOTIFY " + NOTIFY_CHANNEL);
            }
        }
        return changes;
    }

    /** True when a connection can be had and answers within two seconds. */
    public boolean databaseReachable() {
        try (Connection connection = store.dataSource().getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Serialises writers of the same addresses across nodes (PostgreSQL transaction-scoped advisory locks on the
     * addresses' buckets, taken in ascending order so that two batches cannot deadlock): each fold then sees the other's events,
     * and the change feed's order matches the commit order for any one address.
     */
    static void lockAddresses(Connection connection, Set<String> keys) throws SQLException {
        Integer[] locks = keys.stream().map(key -> Math.floorMod(key.hashCode(), ADVISORY_LOCK_BUCKETS)).distinct().sorted()
                .toArray(Integer[]::new);
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_CLASS + ", k) FROM unnest(?) AS t(k)")) {
            lock.setArray(1, connection.createArrayOf("INTEGER", locks));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    rows.getObject(1);
                }
            }
        }
    }

    /**
     * Recomputes the statuses and suppressions of the keys from their logged events; returns the entries changed.
     * Only a key with events logged before this batch (uids not in {@code batchUids}) can have a status or an entry:
     * both are written only from its events, which are never deleted. The stored ones are read for those keys alone.
     */
    int applyPolicy(Connection connection, Set<String> keys, Set<String> batchUids) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        if (store.dialect() == SqlDialect.POSTGRESQL) {
            lockAddresses(connection, keys);
        }
        SuppressionTables tables = store.suppressionTables();
        Map<String, List<HistoryEvent>> historyByKey = new HashMap<>();
        Set<String> loggedBefore = new TreeSet<>();
        for (HistoryEvent h : store.eventLog().history(connection, keys)) {
            historyByKey.computeIfAbsent(h.addressKey(), k -> new ArrayList<>()).add(h);
            if (!batchUids.contains(h.uid())) {
                loggedBefore.add(h.addressKey());
            }
        }
        Map<String, SuppressionEntry> current = tables.entries(connection, loggedBefore);
        Map<String, AddressStatus> storedStatuses = store.dialect().supportsOnConflict() ? Map.of()
                : tables.statuses(connection, loggedBefore);
        Map<String, List<String>> entryScopesByKey = new HashMap<>();
        current.values().forEach(e -> entryScopesByKey.computeIfAbsent(e.addressKey(), k -> new ArrayList<>())
                .add(Scopes.stored(e.scope())));
        Instant now = clock.instant();
        List<AddressStatus> statuses = new ArrayList<>();
        List<SuppressionTables.EntryWrite> changed = new ArrayList<>();
        for (String key : keys) {
            List<HistoryEvent> history = historyByKey.getOrDefault(key, List.of());
            Set<String> scopes = new TreeSet<>(policy.targets(history));
            scopes.addAll(entryScopesByKey.getOrDefault(key, List.of()));
            for (String scope : scopes) {
                PolicyOutcome outcome = policy.evaluate(key, scope, history, now);
                statuses.add(outcome.status());
                SuppressionEntry before = current.get(SuppressionTables.slot(key, scope));
                if (!Objects.equals(before, outcome.entry())) {
                    changed.add(new SuppressionTables.EntryWrite(key, scope, outcome.entry()));
                }
            }
        }
        tables.putStatuses(connection, statuses, storedStatuses, now);
        tables.putEntries(connection, changed, now);
        return changed.size();
    }
}
