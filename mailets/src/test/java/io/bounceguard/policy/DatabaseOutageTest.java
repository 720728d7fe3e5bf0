package io.bounceguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bounceguard.store.EventQuery;
import io.bounceguard.store.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops a real PostgreSQL under a running system: lookups keep the last snapshot, events go to the local
 * spool (record never throws) and are replayed when the database returns, or at the next start.
 */
class DatabaseOutageTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path workDir;

    private int port;
    private EmbeddedPostgres postgres;

    @AfterEach
    void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private void startPostgres() throws IOException {
        if (port == 0) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        }
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private void stopPostgresNow() throws IOException {
        postgres.close();
        postgres = null;
    }

    private StoreSettings settings() {
        Properties p = new Properties();
        p.setProperty(StoreSettings.JDBC_URL, "jdbc:postgresql://localhost:" + port + "/postgres");
        p.setProperty(StoreSettings.JDBC_USER, "postgres");
        p.setProperty(StoreSettings.CONNECTION_TIMEOUT, "1s");
        p.setProperty(StoreSettings.SPOOL_RETRY_INTERVAL, "300ms");
        p.setProperty(StoreSettings.SNAPSHOT_REFRESH_INTERVAL, "300ms");
        return StoreSettings.fromProperties(p, workDir);
    }

    @Test
    void eventsAreSpooledWhileTheDatabaseIsDownAndReplayedWhenItReturns() throws Exception {
        startPostgres();
        try (SuppressionSystem system = SuppressionSystem.open(settings())) {
            system.recorder().record(Events.hard("before@example.com", Instant.now()));
            assertThat(system.suppressionList().isSuppressed("before@example.com", null)).isTrue();

            stopPostgresNow();
            system.recorder().record(Events.hard("during1@example.com", Instant.now()));
            system.recorder().record(Events.soft("during2@example.com", Instant.now(), "mailboxfull"));
            StoreHealth down = system.health();
            assertThat(down.databaseDown()).isTrue();
            assertThat(down.spooledEvents()).as("a slow writer may spool an event its caller spooled too")
                    .isGreaterThanOrEqualTo(2);
            assertThat(down.lostEvents()).isZero();
            assertThat(system.suppressionList().isSuppressed("before@example.com", null)).as("last snapshot kept").isTrue();
            assertThat(workDir.resolve("var/bounce-guard/spool")).isNotEmptyDirectory();

            startPostgres();
            waitFor(() -> system.health().spooledEvents() == 0 && !system.health().databaseDown(), Duration.ofSeconds(30));
            assertThat(system.store().findEvents(EventQuery.forRecipient("during1@example.com", 5))).hasSize(1);
            assertThat(system.store().findEvents(EventQuery.forRecipient("during2@example.com", 5))).hasSize(1);
            waitFor(() -> system.suppressionList().isSuppressed("during1@example.com", null), Duration.ofSeconds(5));
            assertThat(system.suppressionList().isSuppressed("during2@example.com", null)).isFalse();
        }
    }

    @Test
    void theSpoolIsReplayedAtStart() throws Exception {
        startPostgres();
        try (SuppressionSystem system = SuppressionSystem.open(settings())) {
            stopPostgresNow();
            system.recorder().record(Events.hard("spooled@example.com", Instant.now()));
            assertThat(system.health().spooledEvents()).isPositive();
        }
        startPostgres();
        try (SuppressionSystem system = SuppressionSystem.open(settings())) {
            assertThat(system.health().spooledEvents()).isZero();
            assertThat(system.suppressionList().isSuppressed("spooled@example.com", null)).isTrue();
            assertThat(system.store().findEvents(EventQuery.forRecipient("spooled@example.com", 5))).hasSize(1);
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", max).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
