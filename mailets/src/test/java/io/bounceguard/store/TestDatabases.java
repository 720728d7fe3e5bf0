package io.bounceguard.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** Real databases for store tests: an H2 file database per test, or a fresh database on one embedded PostgreSQL. */
public final class TestDatabases {
    /** The two stores every contract test runs against. */
    public enum Backend { H2, POSTGRESQL }

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static {
        for (String noisy : new String[] {"com.zaxxer.hikari", "org.flywaydb", "io.zonky", "org.postgresql"}) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(noisy)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** The embedded PostgreSQL server shared by the tests of this JVM, started on first use. */
    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }

    /** A fresh, empty PostgreSQL database on the shared server; returns its JDBC URL. */
    public static String newPostgresDatabase() {
        String name = "bg_test_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return postgres().getJdbcUrl("postgres", name);
    }

    /** Settings for a fresh store on the backend, working directory {@code workDir}, plus {@code extra} settings. */
    public static StoreSettings settings(Backend backend, Path workDir, Properties extra) {
        Properties properties = new Properties();
        if (backend == Backend.POSTGRESQL) {
            properties.setProperty(StoreSettings.JDBC_URL, newPostgresDatabase());
            properties.setProperty(StoreSettings.JDBC_USER, "postgres");
            properties.setProperty(StoreSettings.JDBC_PASSWORD, "");
        }
        properties.putAll(extra);
        return StoreSettings.fromProperties(properties, workDir);
    }

    public static StoreSettings settings(Backend backend, Path workDir) {
        return settings(backend, workDir, new Properties());
    }

    /** The one number {@code query} returns (a count, a sum), read in a transaction of its own. */
    public static long number(BounceStore store, String query) throws SQLException {
        return store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(query); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
