package io.bounceguard.policy;

import io.bounceguard.store.StoreSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL for the {@link PolicyWriter#NOTIFY_CHANNEL} notifications other nodes send when they
 * change a suppression, and refreshes the snapshot at once. Uses its own connection (from the driver, not
 * DriverManager) so that it holds no pool slot; reconnects after failures. The periodic refresh remains the
 * fallback, so a lost notification only delays a change to the refresh interval.
 */
final class PostgresChangeListener implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(PostgresChangeListener.class);
    private static final int WAIT_MILLIS = 500;

    private final StoreSettings settings;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    PostgresChangeListener(StoreSettings settings, Runnable onChange) {
        this.settings = settings;
        this.onChange = onChange;
        this.thread = new Thread(this::listen, "bounce-guard-pg-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + PolicyWriter.NOTIFY_CHANNEL);
                }
                onChange.run();
                PGConnection pg = listening.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        onChange.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOGGER.debug("Suppression change listener lost its connection, retrying: {}", e.toString());
                    sleep(settings.spoolRetryInterval().toMillis());
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, settings.connectionTimeout().toSeconds())));
        Connection opened = new org.postgresql.Driver().connect(settings.jdbcUrl(), properties);
        if (opened == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + settings.jdbcUrl());
        }
        opened.setAutoCommit(true);
        return opened;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
