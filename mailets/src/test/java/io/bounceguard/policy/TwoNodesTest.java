package io.bounceguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bounceguard.store.StoreSettings;
import io.bounceguard.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two James nodes sharing one PostgreSQL: a suppression written through one is honoured by the other's
 * lookup within the documented delay (the refresh interval; at once with LISTEN/NOTIFY).
 */
class TwoNodesTest {
    /** The documented bound: one refresh interval plus scheduling slack. */
    private static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Duration BOUND = REFRESH.plusSeconds(1);

    @TempDir
    Path nodeA;
    @TempDir
    Path nodeB;

    private static StoreSettings node(String url, Path workDir, boolean listen) {
        Properties p = new Properties();
        p.setProperty(StoreSettings.JDBC_URL, url);
        p.setProperty(StoreSettings.JDBC_USER, "postgres");
        p.setProperty(StoreSettings.SNAPSHOT_REFRESH_INTERVAL, REFRESH.toMillis() + "ms");
        p.setProperty(StoreSettings.SNAPSHOT_LISTEN, String.valueOf(listen));
        return StoreSettings.fromProperties(p, workDir);
    }

    @Test
    void aSuppressionWrittenOnOneNodeIsHonouredByTheOtherWithinTheRefreshInterval() throws Exception {
        assertPropagates(false, BOUND);
    }

    @Test
    void withListenNotifyTheOtherNodeSeesItAtOnce() throws Exception {
        assertPropagates(true, Duration.ofMillis(1500));
    }

    private void assertPropagates(boolean listen, Duration bound) throws Exception {
        String url = TestDatabases.newPostgresDatabase();
        try (SuppressionSystem a = SuppressionSystem.open(node(url, nodeA, listen));
             SuppressionSystem b = SuppressionSystem.open(node(url, nodeB, listen))) {
            Thread.sleep(300);
            for (int round = 0; round < 3; round++) {
                String address = "gone" + round + "@example.net";
                assertThat(b.suppressionList().isSuppressed(address, null)).isFalse();
                a.recorder().record(Events.hard(address, Instant.now()));
                long start = System.nanoTime();
                assertThat(a.suppressionList().isSuppressed(address, null)).as("writer node at once").isTrue();
                Duration seen = waitUntilSuppressed(b, address, Duration.ofSeconds(10));
                assertThat(seen).as("delay on the other node, round %d", round).isLessThan(bound);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

                b.admin().remove(address, null, "ops");
                assertThat(b.suppressionList().isSuppressed(address, null)).isFalse();
                Duration lifted = waitUntil(() -> !a.suppressionList().isSuppressed(address, null), Duration.ofSeconds(10));
                assertThat(lifted).as("removal on the first node, round %d", round).isLessThan(bound);
            }
        }
    }

    @Test
    void concurrentSoftBouncesForOneAddressOnTwoNodesAreAllCounted() throws Exception {
        String url = TestDatabases.newPostgresDatabase();
        try (SuppressionSystem a = SuppressionSystem.open(node(url, nodeA, true));
             SuppressionSystem b = SuppressionSystem.open(node(url, nodeB, true))) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                SuppressionSystem node = i % 2 == 0 ? a : b;
                Instant time = Instant.now().minusSeconds(60 - i);
                writes.add(pool.submit(() -> node.recorder().record(Events.soft("busy@example.net", time, "mailboxfull"))));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            pool.shutdown();
            assertThat(a.store().statuses("busy@example.net")).singleElement()
                    .satisfies(s -> assertThat(s.softCount()).isEqualTo(6));
            assertThat(a.health().spooledEvents() + b.health().spooledEvents()).isZero();
            assertThat(waitUntilSuppressed(a, "busy@example.net", Duration.ofSeconds(5))).isLessThan(Duration.ofSeconds(5));
            assertThat(waitUntilSuppressed(b, "busy@example.net", Duration.ofSeconds(5))).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static Duration waitUntilSuppressed(SuppressionSystem node, String address, Duration max) throws InterruptedException {
        return waitUntil(() -> node.suppressionList().isSuppressed(address, null), max);
    }

    private static Duration waitUntil(BooleanSupplier condition, Duration max) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > max.toNanos()) {
                return max;
            }
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aBulkBatchTakesOneAdvisoryLockPerBucketOfAddressesAtMost() throws Exception {
        String url = TestDatabases.newPostgresDatabase();
        Set<String> keys = new TreeSet<>();
        for (int i = 0; i < 5_000; i++) {
            keys.add("r" + i + "@dest" + i % 500 + ".example");
        }
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            connection.setAutoCommit(false);
            PolicyWriter.lockAddresses(connection, keys);
            long held = advisoryLocksHeld(connection);
            assertThat(held).isPositive().isLessThanOrEqualTo(PolicyWriter.ADVISORY_LOCK_BUCKETS);
            PolicyWriter.lockAddresses(connection, Set.of("r1@dest1.example"));
            assertThat(advisoryLocksHeld(connection)).as("an address of the batch maps to a lock already held").isEqualTo(held);
            connection.rollback();
        }
    }

    private static long advisoryLocksHeld(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
