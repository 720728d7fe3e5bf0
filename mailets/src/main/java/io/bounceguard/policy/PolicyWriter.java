package io.bounceguard.policy;

import io.bounceguard.store.AddressState;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventLog;
import io.bounceguard.store.HistoryEvent;
import io.bounceguard.store.PendingEvent;
import io.bounceguard.store.Scopes;
import io.bounceguard.store.SqlDialect;
import io.bounceguard.store.StatCounters;
import io.bounceguard.store.SuppressionEntry;
import io.bounceguard.store.SuppressionTables;
import io.bounceguard.store.SuppressionTables.StatusRow;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes a batch of events and applies the policy to their addresses in one transaction: the events, the
 * address statuses with the fold states they came from, the suppression entries with their change feed and the
 * statistics counters commit together. A large batch is split by address into one such transaction per connection
 * ({@code store.write.connections}), written at once.
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
    /** The fewest events a batch holds before it is split over several connections. */
    static final int SPLIT_MIN_EVENTS = 1_000;

    private final BounceStore store;
    private final SuppressionPolicy policy;
    private final StatCounters counters;
    private final Clock clock;
    private final LongAdder refolded = new LongAdder();
    private final LongAdder transactions = new LongAdder();
    /** How many connections a large batch is written over: {@code store.write.connections}. */
    private final int connections;
    /**
     * H2 has no upsert that adds to a row, so two parts of a batch would both insert a counter row new to the day:
     * on H2 each part adds its counters and commits while holding this, one part after the other.
     */
    private final Object h2CounterCommits = new Object();
    /** Runs the parts of a split batch beside the writer's own thread; its threads end when idle. */
    private final ThreadPoolExecutor partWriters;

    public PolicyWriter(BounceStore store, SuppressionPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.counters = new StatCounters(store.dialect());
        this.clock = clock;
        this.connections = store.settings().writeConnections();
        this.partWriters = new ThreadPoolExecutor(Math.max(1, connections - 1), Math.max(1, connections - 1), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "bounce-guard-write-part");
                    thread.setDaemon(true);
                    return thread;
                });
        partWriters.allowCoreThreadTimeOut(true);
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
            changes = writeInParts(batch, mayRepeat);
        }
        store.noteEventsWritten(batch.size());
        return store.durable().thenApply(durable -> changes);
    }

    /**
     * Writes a batch in one transaction, or a large one on PostgreSQL in one transaction per part, the parts at once
     * over their own connections. The parts' addresses fall in different advisory-lock buckets, so they wait for each
     * other only on the statistics counters, which every transaction updates last and in one order. When a part
     * fails the others may have committed: the caller spools the whole batch, and the replay skips what is logged.
     */
    private int writeInParts(List<PendingEvent> batch, boolean mayRepeat) throws SQLException {
        List<List<PendingEvent>> parts = split(batch);
        if (parts.size() == 1) {
            return writePart(batch, mayRepeat);
        }
        List<Future<Integer>> others = new ArrayList<>();
        for (List<PendingEvent> part : parts.subList(1, parts.size())) {
            others.add(partWriters.submit(() -> writePart(part, mayRepeat)));
        }
        SQLException failure = null;
        int changes = 0;
        try {
            changes += writePart(parts.get(0), mayRepeat);
        } catch (SQLException e) {
            failure = e;
        }
        for (Future<Integer> other : others) {
            try {
                changes += other.get();
            } catch (ExecutionException e) {
                SQLException partFailure = e.getCause() instanceof SQLException sql ? sql
                        : new SQLException("a part of the batch failed: " + e.getCause(), e.getCause());
                if (failure == null) {
                    failure = partFailure;
                } else {
                    failure.addSuppressed(partFailure);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while a part of the batch was written", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return changes;
    }

    /** Writes events in one transaction of their own. */
    private int writePart(List<PendingEvent> part, boolean mayRepeat) throws SQLException {
        int changes = store.inTransaction(connection -> writeIn(connection, part, mayRepeat));
        transactions.increment();
        return changes;
    }

    /** The batch split by advisory-lock bucket into {@link #connections} parts when it is large enough. */
    private List<List<PendingEvent>> split(List<PendingEvent> batch) {
        if (connections == 1 || batch.size() < SPLIT_MIN_EVENTS) {
            return List.of(batch);
        }
        List<List<PendingEvent>> parts = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            parts.add(new ArrayList<>());
        }
        for (PendingEvent pending : batch) {
            int bucket = store.eventLog().keyOf(pending.event()).map(key -> lockBucket(key.key())).orElse(0);
            parts.get(bucket % connections).add(pending);
        }
        parts.removeIf(List::isEmpty);
        return parts;
    }

    private static int lockBucket(String key) {
        return Math.floorMod(key.hashCode(), ADVISORY_LOCK_BUCKETS);
    }

    private static int awaitDurable(CompletableFuture<Integer> committed) throws SQLException {
        BounceStore.awaitDurable(committed.thenApply(changes -> null));
        return committed.join();
    }

    private int writeIn(Connection connection, List<PendingEvent> batch, boolean mayRepeat) throws SQLException {
        List<HistoryEvent> inserted = store.eventLog().insert(connection, batch, mayRepeat);
        int changes = applyPolicy(connection, inserted);
        // Last: every transaction adds to the same counter rows of the day, so a writer on another node waits from
        // its first counter upsert until this transaction commits; coming last keeps that wait short.
        Map<StatCounters.Key, Long> increments = StatCounters.incrementsFor(
                inserted.stream().map(HistoryEvent::event).toList(), store.eventLog());
        if (store.dialect() == SqlDialect.H2) {
            synchronized (h2CounterCommits) {
                counters.add(connection, increments);
                connection.commit();
            }
        } else {
            counters.add(connection, increments);
        }
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
        Integer[] locks = keys.stream().map(PolicyWriter::lockBucket).distinct().sorted()
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
     * Brings the statuses and suppressions of the batch's addresses up to date; returns the entries changed. Each
     * address's status rows carry the fold state they came from: when the new events all come after it, the policy
     * folds on from there ({@link SuppressionPolicy#canResume}); otherwise (an event older than one already folded,
     * other settings, rows from before the fold was kept) the address is folded again from its whole logged history,
     * and its entries are read from their table. An address without status rows has no event the policy folds yet.
     */
    int applyPolicy(Connection connection, List<HistoryEvent> inserted) throws SQLException {
        Map<String, List<HistoryEvent>> newByKey = new TreeMap<>();
        for (HistoryEvent h : inserted) {
            if (h.addressKey() != null) {
                List<HistoryEvent> events = newByKey.computeIfAbsent(h.addressKey(), k -> new ArrayList<>());
                if (EventLog.folded(h.event())) {
                    events.add(h);
                }
            }
        }
        if (newByKey.isEmpty()) {
            return 0;
        }
        if (store.dialect() == SqlDialect.POSTGRESQL) {
            lockAddresses(connection, newByKey.keySet());
        }
        SuppressionTables tables = store.suppressionTables();
        Map<String, StatusRow> storedRows = tables.statusRows(connection, newByKey.keySet());
        Map<String, Map<String, StatusRow>> rowsByKey = new HashMap<>();
        storedRows.values().forEach(row -> rowsByKey.computeIfAbsent(row.status().addressKey(), k -> new HashMap<>())
                .put(Scopes.stored(row.status().scope()), row));
        Map<String, Map<String, FoldState>> savedByKey = new HashMap<>();
        Set<String> refold = new TreeSet<>();
        for (Map.Entry<String, List<HistoryEvent>> batch : newByKey.entrySet()) {
            Map<String, FoldState> saved = savedStates(rowsByKey.getOrDefault(batch.getKey(), Map.of()));
            if (saved != null && policy.canResume(saved, batch.getValue())) {
                savedByKey.put(batch.getKey(), saved);
            } else {
                refold.add(batch.getKey());
            }
        }
        refolded.add(refold.size());
        Map<String, List<HistoryEvent>> historyByKey = new HashMap<>();
        for (HistoryEvent h : store.eventLog().history(connection, refold)) {
            historyByKey.computeIfAbsent(h.addressKey(), k -> new ArrayList<>()).add(h);
        }
        Map<String, SuppressionEntry> refoldedEntries = tables.entries(connection, refold);
        Map<String, List<String>> refoldedEntryScopes = new HashMap<>();
        refoldedEntries.values().forEach(e -> refoldedEntryScopes.computeIfAbsent(e.addressKey(), k -> new ArrayList<>())
                .add(Scopes.stored(e.scope())));
        Instant now = clock.instant();
        List<StatusRow> statuses = new ArrayList<>();
        List<SuppressionTables.EntryWrite> changed = new ArrayList<>();
        for (Map.Entry<String, List<HistoryEvent>> batch : newByKey.entrySet()) {
            String key = batch.getKey();
            Map<String, FoldState> saved = savedByKey.get(key);
            List<HistoryEvent> events = saved == null ? historyByKey.getOrDefault(key, List.of()) : batch.getValue();
            Set<String> scopes = new TreeSet<>(policy.targets(events));
            scopes.addAll(saved == null ? refoldedEntryScopes.getOrDefault(key, List.of()) : saved.keySet());
            for (String scope : scopes) {
                PolicyOutcome outcome = policy.resume(key, scope, saved == null ? null : saved.get(scope), events, now);
                statuses.add(new StatusRow(outcome.status(), FoldCodec.write(outcome.fold())));
                SuppressionEntry before = saved == null ? refoldedEntries.get(SuppressionTables.slot(key, scope))
                        : entryWritten(rowsByKey.getOrDefault(key, Map.of()).get(scope), saved.get(scope));
                if (!Objects.equals(before, outcome.entry())) {
                    changed.add(new SuppressionTables.EntryWrite(key, scope, outcome.entry()));
                }
            }
        }
        tables.putStatuses(connection, statuses, storedRows, now);
        tables.putEntries(connection, changed, now);
        return changed.size();
    }

    /**
     * The fold states saved in an address's status rows, by stored scope, or null when a row has none that reads
     * (written before the fold was kept, or damaged).
     */
    private static Map<String, FoldState> savedStates(Map<String, StatusRow> rows) {
        Map<String, FoldState> saved = new HashMap<>();
        for (Map.Entry<String, StatusRow> row : rows.entrySet()) {
            Optional<FoldState> state = FoldCodec.read(row.getValue().fold(), row.getValue().status());
            if (state.isEmpty()) {
                return null;
            }
            saved.put(row.getKey(), state.get());
        }
        return saved;
    }

    /**
     * The entry the last write left in {@code bg_suppression} for a scope: the fold's suppression when the status
     * then read as suppressed (the entry in force was written), none otherwise.
     */
    private static SuppressionEntry entryWritten(StatusRow row, FoldState saved) {
        return row != null && row.status().state() == AddressState.SUPPRESSED ? saved.entry() : null;
    }

    /** Transactions committed since start: one per batch, or one per part of a batch split over connections. */
    long transactionsCommitted() {
        return transactions.sum();
    }

    /** How many addresses were folded again from their whole history rather than from their saved fold state. */
    public long addressesRefolded() {
        return refolded.sum();
    }
}
