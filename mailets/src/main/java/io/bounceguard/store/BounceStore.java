package io.bounceguard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The JDBC store: a pooled DataSource on H2 or PostgreSQL whose schema Flyway keeps current, and the
 * queries over the event log. Writes that apply the policy go through {@code io.bounceguard.policy}.
 */
public final class BounceStore implements AutoCloseable {
    /** Rows fetched per round trip when streaming. */
    public static final int STREAM_FETCH_SIZE = 1_000;

    private final StoreSettings settings;
    private final HikariDataSource dataSource;
    private final AddressNormalizer normalizer;
    private final EventLog eventLog;
    private final SuppressionTables suppressionTables;
    private final StatCounters counters;
    private final AtomicLong eventsWritten = new AtomicLong();
    private final AtomicLong nextAnalyze = new AtomicLong(1_000);
    private final H2Checkpoints checkpoints;

    private BounceStore(StoreSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.checkpoints = settings.dialect() == SqlDialect.H2 ? new H2Checkpoints(dataSource) : null;
        this.normalizer = new AddressNormalizer(settings.foldLocalPart());
        this.eventLog = new EventLog(normalizer);
        this.counters = new StatCounters(settings.dialect());
        this.suppressionTables = new SuppressionTables(settings.dialect());
    }

    /** Opens the pool and migrates the schema; throws {@link StoreException} when the database is unreachable. */
    public static BounceStore open(StoreSettings settings) {
        HikariDataSource dataSource = new HikariDataSource(poolConfig(settings));
        BounceStore store = new BounceStore(settings, dataSource);
        try {
            store.migrate();
            return store;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * Creates the pool without connecting (so it works while the database is down) and without migrating:
     * call {@link #migrate()} until it succeeds before writing.
     */
    public static BounceStore openDeferred(StoreSettings settings) {
        HikariConfig config = poolConfig(settings);
        config.setInitializationFailTimeout(-1);
        return new BounceStore(settings, new HikariDataSource(config));
    }

    /** Migrates the schema; throws {@link StoreException} when the database is unreachable. */
    public void migrate() {
        try {
            Flyway.configure(BounceStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration",
                            "classpath:db/vendor/" + settings.dialect().name().toLowerCase(Locale.ROOT))
                    .table("bg_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the bounce store at " + settings.jdbcUrl() + ": " + e.getMessage(), e);
        }
        startAnalyzeCountAtTableSize();
        if (settings.dialect() == SqlDialect.H2 && settings.h2PageBufferMb() > 0) {
            H2StoreTuning.applyPageBuffer(dataSource, settings.h2PageBufferMb());
        }
        if (settings.dialect() == SqlDialect.H2 && settings.h2MaxPageSize() > 0) {
            H2StoreTuning.applyPageSize(dataSource, settings.h2MaxPageSize());
        }
    }

    /**
     * On PostgreSQL, the first {@code ANALYZE} of this process comes once as many events have been written as the
     * log held at its last analysis (at least 1,000): a node that restarts over a large log does not analyse it
     * again after 1,000, 2,000, 4,000 ... events.
     */
    private void startAnalyzeCountAtTableSize() {
        if (settings.dialect() != SqlDialect.POSTGRESQL) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT reltuples FROM pg_class WHERE oid = to_regclass('bg_event')");
             ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                nextAnalyze.set(Math.max(1_000, (long) rs.getDouble(1)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open the bounce store at " + settings.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static HikariConfig poolConfig(StoreSettings settings) {
        if (settings.dialect() == SqlDialect.H2) {
            Path directory = h2Directory(settings.jdbcUrl());
            if (directory != null) {
                try {
                    Files.createDirectories(directory);
                } catch (IOException e) {
                    throw new StoreException("cannot create the H2 directory " + directory, e);
                }
            }
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("bounce-guard");
        config.setDriverClassName(settings.dialect().driverClassName());
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(Math.max(250, settings.connectionTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(settings.connectionTimeout().toMillis(), 5_000)));
        config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
        if (settings.dialect() == SqlDialect.POSTGRESQL) {
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return config;
    }

    private static Path h2Directory(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return null;
        }
        String file = url.substring(prefix.length()).split(";", 2)[0];
        Path parent = Path.of(file).getParent();
        return parent == null ? null : parent;
    }

    /**
     * Counts events written and, on PostgreSQL, refreshes the planner's statistics each time the count since
     * start doubles (from 1,000). A young or fast-growing table otherwise keeps estimates that make the
     * per-address lookups of the policy scan the whole log until autovacuum gets to it. The ANALYZE runs on a
     * thread of its own: it takes no lock that writes wait for, so the writer does not wait for it either.
     */
    public void noteEventsWritten(int count) {
        long total = eventsWritten.addAndGet(count);
        long threshold = nextAnalyze.get();
        if (settings.dialect() != SqlDialect.POSTGRESQL || total < threshold
                || !nextAnalyze.compareAndSet(threshold, Math.max(threshold * 2, total))) {
            return;
        }
        Thread analyze = new Thread(() -> analyze(threshold), "bounce-guard-analyze");
        analyze.setDaemon(true);
        analyze.start();
    }

    private void analyze(long threshold) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE bg_event, bg_address_status, bg_suppression");
        } catch (SQLException | RuntimeException e) {
            nextAnalyze.set(threshold);
        }
    }

    /** Runs {@code work} in one transaction, committing on success and rolling back on any failure. */
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    /**
     * Like {@link #inTransaction}, and durable on return: the commit, then {@link #durable()} awaited.
     */
    public <T> T inDurableTransaction(SqlWork<T> work) throws SQLException {
        T result = inTransaction(work);
        awaitDurable(durable());
        return result;
    }

    /**
     * A future completed once every transaction committed before this call is on disk. PostgreSQL's commit is
     * durable itself, so the future is complete at once. H2 leaves a commit in memory until it stores a chunk; the
     * future completes after the next {@code CHECKPOINT SYNC} of {@link H2Checkpoints}, which stores everything
     * committed (waiting for a store in progress) and forces the file to disk, while the caller may already run
     * its next transaction. H2's {@code WRITE_DELAY} stays at its default: with 0 there is no background writer,
     * and without it H2 never frees the space of old chunks, so the file grew by several kilobytes per event.
     */
    public CompletableFuture<Void> durable() {
        return checkpoints == null ? CompletableFuture.completedFuture(null) : checkpoints.request();
    }

    /** H2 checkpoints run by {@link #durable()} since the store opened (0 on PostgreSQL). */
    public long checkpointsRun() {
        return checkpoints == null ? 0 : checkpoints.checkpoints();
    }

    /** Waits for {@code durable}; a failure to make the commit durable is thrown as an {@link SQLException}. */
    public static void awaitDurable(CompletableFuture<Void> durable) throws SQLException {
        try {
            durable.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the commit to reach the disk", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql
                    : new SQLException("the commit may not be on disk: " + e.getCause(), e.getCause());
        }
    }

    /** Like {@link #inTransaction} but reports failures as {@link StoreException}. */
    public <T> T query(String what, SqlWork<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** Events matching the query, in its order, at most {@code q.limit()}. */
    public List<BounceEvent> findEvents(EventQuery q) {
        List<BounceEvent> events = new ArrayList<>();
        forEachEvent(q, false, stored -> events.add(stored.event()));
        return events;
    }

    /** Events matching the query with their acknowledgement, at most {@code q.limit()}. */
    public List<StoredEvent> findStoredEvents(EventQuery q) {
        List<StoredEvent> events = new ArrayList<>();
        forEachEvent(q, false, events::add);
        return events;
    }

    /**
     * Streams every event matching the query (ignoring its limit when {@code unlimited}), fetching
     * {@link #STREAM_FETCH_SIZE} rows per round trip: for exports of millions of rows.
     */
    public void forEachEvent(EventQuery q, boolean unlimited, Consumer<StoredEvent> sink) {
        query("read events", connection -> {
            eventLog.stream(connection, q, STREAM_FETCH_SIZE, unlimited, sink);
            return null;
        });
    }

    /** Number of events matching the query's filters (its limit, order and page are ignored). */
    public long countEvents(EventQuery q) {
        return query("count events", connection -> {
            List<Object> parameters = new ArrayList<>();
            StringBuilder sql = new StringBuilder(
                    "SELECT COUNT(*) FROM bg_event e LEFT JOIN bg_event_ack a ON a.event_id = e.id WHERE 1 = 1");
            eventLog.appendFilters(withoutPage(q), sql, parameters);
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                EventLog.bind(select, parameters);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Number of events nobody has marked as checked. */
    public long countUnchecked() {
        return countEvents(EventQuery.builder().acknowledged(false).build());
    }

    /** Marks the events as checked by {@code by}; ids already checked or unknown are skipped. Returns how many were marked. */
    public int acknowledge(Collection<Long> eventIds, String by) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        return query("mark events as checked", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bg_event_ack (event_id, acked_at, acked_by)"
                    + " SELECT e.id, ?, ? FROM bg_event e LEFT JOIN bg_event_ack a ON a.event_id = e.id"
                    + " WHERE e.id = ANY (?) AND a.event_id IS NULL")) {
                insert.setTimestamp(1, Timestamp.from(Instant.now()));
                insert.setString(2, by);
                insert.setArray(3, connection.createArrayOf("BIGINT", eventIds.toArray()));
                return insert.executeUpdate();
            }
        });
    }

    /** Marks every unchecked event matching the query's filters as checked; returns how many. */
    public int acknowledgeMatching(EventQuery q, String by) {
        return query("mark events as checked", connection -> {
            List<Object> parameters = new ArrayList<>();
            parameters.add(Timestamp.from(Instant.now()));
            parameters.add(by);
            StringBuilder sql = new StringBuilder("INSERT INTO bg_event_ack (event_id, acked_at, acked_by)"
                    + " SELECT e.id, ?, ? FROM bg_event e LEFT JOIN bg_event_ack a ON a.event_id = e.id WHERE a.event_id IS NULL");
            eventLog.appendFilters(withoutPage(q), sql, parameters);
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                EventLog.bind(insert, parameters);
                return insert.executeUpdate();
            }
        });
    }

    private static EventQuery withoutPage(EventQuery q) {
        return new EventQuery(q.recipient(), q.recipientDomain(), q.scope(), q.reason(), q.bounceType(), q.source(),
                q.verified(), q.acknowledged(), q.from(), q.to(), null, q.oldestFirst(), EventQuery.MAX_LIMIT);
    }

    /** The status of an address in every scope where it has one; throws {@link IllegalArgumentException} for a malformed address. */
    public List<AddressStatus> statuses(String address) {
        String key = normalizer.normalize(address).key();
        return query("read address status", connection -> suppressionTables.statuses(connection, key));
    }

    /** One page of suppression entries (at most {@link SuppressionQuery#MAX_PAGE}). */
    public List<SuppressionEntry> findSuppressions(SuppressionQuery q) {
        if (q.limit() == 0 || q.limit() > SuppressionQuery.MAX_PAGE) {
            throw new IllegalArgumentException("page size must be between 1 and " + SuppressionQuery.MAX_PAGE);
        }
        List<SuppressionEntry> entries = new ArrayList<>();
        forEachSuppression(q, entries::add);
        return entries;
    }

    /** Streams the suppression entries matching the query ({@code limit} 0 = all), for exports. */
    public void forEachSuppression(SuppressionQuery q, Consumer<SuppressionEntry> sink) {
        String storedScope = q.everyScope() ? null
                : q.scope() == null || q.scope().isBlank() ? Scopes.GLOBAL : normalizer.normalizeDomain(q.scope());
        String prefix = q.keyPrefix() == null ? null : q.keyPrefix().trim().toLowerCase(Locale.ROOT);
        query("read suppressions", connection -> {
            suppressionTables.forEachEntry(connection, storedScope, prefix, q.includeExpired() ? null : Instant.now(),
                    q.afterKey(), q.limit(), STREAM_FETCH_SIZE, sink);
            return null;
        });
    }

    /** Daily counters of one dimension (see {@link StatCounters}) for UTC days from {@code from} to {@code to} inclusive. */
    public List<StatCounters.Counter> statistics(String dimension, LocalDate from, LocalDate to) {
        return query("read statistics", connection -> counters.read(connection, dimension, from, to));
    }

    /** Records {@code count} messages sent to a receiving domain on a day, for bounce rates. */
    public void addSends(String domain, LocalDate day, long count) {
        String normalized = normalizer.normalizeDomain(domain);
        query("record sends", connection -> {
            counters.add(connection, Map.of(new StatCounters.Key(day, StatCounters.DOMAIN_SENT, normalized), count));
            return null;
        });
    }

    /** Bounce rate per receiving domain over UTC days {@code from}..{@code to}, highest bounce count first. */
    public List<DomainBounceRate> bounceRates(LocalDate from, LocalDate to) {
        Map<String, long[]> byDomain = new TreeMap<>();
        for (StatCounters.Counter c : statistics(StatCounters.DOMAIN_FAILED, from, to)) {
            byDomain.computeIfAbsent(c.value(), d -> new long[2])[0] += c.count();
        }
        for (StatCounters.Counter c : statistics(StatCounters.DOMAIN_SENT, from, to)) {
            byDomain.computeIfAbsent(c.value(), d -> new long[2])[1] += c.count();
        }
        List<DomainBounceRate> rates = new ArrayList<>();
        byDomain.forEach((domain, n) -> rates.add(new DomainBounceRate(domain, n[0], n[1], n[1] == 0 ? null : (double) n[0] / n[1])));
        rates.sort(Comparator.comparingLong(DomainBounceRate::bounces).reversed().thenComparing(DomainBounceRate::domain));
        return rates;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public StoreSettings settings() {
        return settings;
    }

    public SqlDialect dialect() {
        return settings.dialect();
    }

    public AddressNormalizer normalizer() {
        return normalizer;
    }

    public EventLog eventLog() {
        return eventLog;
    }

    public SuppressionTables suppressionTables() {
        return suppressionTables;
    }

    @Override
    public void close() {
        if (checkpoints != null) {
            checkpoints.close();
        }
        dataSource.close();
    }
}
