package io.bounceguard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bounceguard.policy.PolicySettings;
import io.bounceguard.policy.PolicyWriter;
import io.bounceguard.policy.SuppressionPolicy;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2's write path: the page buffer that keeps a bulk transaction in memory until its checkpoint, the page size, and
 * the checkpoints.
 */
class H2WritePathTest {
    private static final int BULK = 15_000;

    @TempDir
    Path workDir;

    @Test
    void theConfiguredPageBufferIsTheOneH2StoresAt() throws Exception {
        try (BounceStore store = BounceStore.open(settings("h2-64", 64))) {
            int budget = store.query("budget", H2StoreTuning::pageBuffer);
            assertThat(budget).isEqualTo(64 << 20);
        }
    }

    @Test
    void theConfiguredPageSizeIsTheOneH2SplitsAt() throws Exception {
        try (BounceStore store = BounceStore.open(StoreSettings.defaults(workDir.resolve("default-size")))) {
            assertThat(store.query("page size", H2StoreTuning::pageSize)).isEqualTo(4096);
        }
        Properties p = new Properties();
        p.setProperty(StoreSettings.H2_MAX_PAGE_SIZE, "0");
        try (BounceStore store = BounceStore.open(StoreSettings.fromProperties(p, workDir.resolve("h2s-own-size")))) {
            assertThat(store.query("page size", H2StoreTuning::pageSize)).isEqualTo(16 * 1024);
        }
    }

    @Test
    void eventsForRandomKnownAddressesWriteLessWithSmallPages() throws Exception {
        long small = bytesWrittenForRandomKnownAddresses("small-pages", 4096);
        long h2sOwn = bytesWrittenForRandomKnownAddresses("h2s-own-pages", 0);

        assertThat((double) small / h2sOwn).as("bytes written with 4 KB pages / with 16 KB").isLessThan(0.7);
    }

    /** Bytes the file gets from durable batches of 500 events for random addresses among 10,000 with a status. */
    private long bytesWrittenForRandomKnownAddresses(String name, int maxPageSize) throws Exception {
        Properties p = new Properties();
        p.setProperty(StoreSettings.H2_MAX_PAGE_SIZE, String.valueOf(maxPageSize));
        try (BounceStore store = BounceStore.open(StoreSettings.fromProperties(p, workDir.resolve(name)))) {
            PolicyWriter writer = new PolicyWriter(store, new SuppressionPolicy(PolicySettings.defaults()), Clock.systemUTC());
            List<PendingEvent> known = events("known", 10_000);
            for (int from = 0; from < known.size(); from += 2_000) {
                writer.write(known.subList(from, from + 2_000));
            }
            Random random = new Random(3);
            long before = fileWriteBytes(store);
            for (int batch = 0; batch < 4; batch++) {
                List<PendingEvent> again = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    again.add(PendingEvent.of(known.get(random.nextInt(known.size())).event()));
                }
                writer.write(again);
            }
            return fileWriteBytes(store) - before;
        }
    }

    /**
     * The space H2 leaves behind under sustained durable writes is given back by {@code SHUTDOWN COMPACT} run with
     * H2's own {@code Shell} while James is stopped (README, docs/ops.md), and the store opens afterwards with every
     * row: Flyway's history, the events, the statuses.
     */
    @Test
    void shutdownCompactWithH2sShellGivesTheFileBackAndKeepsEveryRow() throws Exception {
        StoreSettings settings = StoreSettings.defaults(workDir.resolve("compact"));
        long events;
        long statuses;
        try (BounceStore store = BounceStore.open(settings)) {
            PolicyWriter writer = new PolicyWriter(store, new SuppressionPolicy(PolicySettings.defaults()), Clock.systemUTC());
            List<PendingEvent> known = events("compact", 5_000);
            writer.write(known);
            Random random = new Random(5);
            for (int batch = 0; batch < 40; batch++) {
                List<PendingEvent> again = new ArrayList<>();
                for (int i = 0; i < 250; i++) {
                    again.add(PendingEvent.of(known.get(random.nextInt(known.size())).event()));
                }
                writer.write(again);
            }
            events = TestDatabases.number(store, "SELECT COUNT(*) FROM bg_event");
            statuses = TestDatabases.number(store, "SELECT COUNT(*) FROM bg_address_status");
        }
        Path file = workDir.resolve("compact/var/bounce-guard/bounce-guard.mv.db");
        long before = java.nio.file.Files.size(file);

        new org.h2.tools.Shell().runTool("-url", settings.jdbcUrl(), "-user", "sa", "-password", "", "-sql", "SHUTDOWN COMPACT");

        long after = java.nio.file.Files.size(file);
        assertThat((double) after / before).as("file after / before SHUTDOWN COMPACT (%d / %d bytes)", after, before)
                .isLessThan(0.5);
        try (BounceStore store = BounceStore.open(settings)) {
            assertThat(TestDatabases.number(store, "SELECT COUNT(*) FROM bg_event")).isEqualTo(events).isEqualTo(15_000);
            assertThat(TestDatabases.number(store, "SELECT COUNT(*) FROM bg_address_status")).isEqualTo(statuses).isEqualTo(5_000);
        }
    }


    private static long fileWriteBytes(BounceStore store) {
        return Long.parseLong(setting(store, "info.FILE_WRITE_BYTES"));
    }

    @Test
    void aBulkTransactionIsStoredOnceWithThePageBufferAndManyTimesWithH2sOwn() throws Exception {
        long withBuffer = chunksWrittenByOneBulkTransaction(settings("h2-buffer", 128));
        long withH2sOwn = chunksWrittenByOneBulkTransaction(settings("h2-own", 0));

        assertThat(withBuffer).isLessThanOrEqualTo(2);
        assertThat(withH2sOwn).isGreaterThanOrEqualTo(withBuffer + 3);
    }

    @Test
    void concurrentCommitsShareCheckpointsAndEveryOneIsConfirmed() throws Exception {
        try (BounceStore store = BounceStore.open(settings("h2-sync", 128))) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<CompletableFuture<Void>>> commits = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                List<PendingEvent> one = events("t" + i + "-", 1);
                commits.add(threads.submit(() -> {
                    store.inTransaction(c -> store.eventLog().insert(c, one, false));
                    return store.durable();
                }));
            }
            for (Future<CompletableFuture<Void>> commit : commits) {
                commit.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
            }
            threads.shutdown();
            assertThat(store.countEvents(EventQuery.builder().build())).isEqualTo(200);
            assertThat(store.checkpointsRun()).isBetween(1L, 200L);
        }
    }

    @Test
    void aDurableRequestAfterCloseFailsInsteadOfWaitingForEver() throws Exception {
        BounceStore store = BounceStore.open(settings("h2-closed", 128));
        store.close();
        CompletableFuture<Void> durable = store.durable();
        assertThat(durable).isCompletedExceptionally();
    }

    private long chunksWrittenByOneBulkTransaction(StoreSettings settings) throws Exception {
        try (BounceStore store = BounceStore.open(settings)) {
            long before = chunkCount(store);
            List<PendingEvent> batch = events("bulk", BULK);
            store.inDurableTransaction(c -> store.eventLog().insert(c, batch, false));
            return chunkCount(store) - before;
        }
    }

    /** H2 with its timed background store pushed out of the test's way, so that only H2's page budget and our checkpoints store. */
    private StoreSettings settings(String name, int pageBufferMb) {
        Properties p = new Properties();
        p.setProperty(StoreSettings.JDBC_URL, "jdbc:h2:file:" + workDir.resolve(name).resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=600000");
        p.setProperty(StoreSettings.H2_PAGE_BUFFER_MB, String.valueOf(pageBufferMb));
        return StoreSettings.fromProperties(p, workDir);
    }

    private static long chunkCount(BounceStore store) {
        return Long.parseLong(setting(store, "info.CHUNK_COUNT"));
    }

    private static String setting(BounceStore store, String name) {
        return store.query(name, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private static List<PendingEvent> events(String prefix, int count) {
        List<PendingEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String recipient = prefix + i + "@dest" + (i % 97) + ".example";
            events.add(PendingEvent.of(BounceEvent.builder().time(Instant.parse("2026-01-05T09:00:00Z")).recipient(recipient)
                    .originalSender("news@shop.example").scope("shop.example").source(EventSource.INBOUND_DSN).kind("dsn")
                    .action("failed").status("5.1.1").replyCode(550).reason("userunknown").bounceType("hard")
                    .diagnostic("550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown").verified(true).build()));
        }
        return events;
    }
}
