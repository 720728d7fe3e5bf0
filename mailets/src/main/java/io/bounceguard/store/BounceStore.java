package io.bounceguard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
    private final SuppressionTables suppressionTables = new SuppressionTables();

    private BounceStore(StoreSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.normalizer = new AddressNormalizer(settings.foldLocalPart());
        this.eventLog = new EventLog(normalizer);
    }

    /** Opens the pool and migrates the schema; throws {@link StoreException} when the database is unreachable. */
    public static BounceStore open(StoreSettings settings) {
        HikariDataSource dataSource = new HikariDataSource(poolConfig(settings));
        try {
            Flyway.configure(BounceStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .table("bg_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            return new BounceStore(settings, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
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
        dataSource.close();
    }
}
