package io.bounceguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventQuery;
import io.bounceguard.store.PendingEvent;
import io.bounceguard.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events that {@link PolicyWriter#write} or {@link EventRecorder#recordAll} has returned for survive the process
 * dying at once: H2 keeps a commit in memory until it stores a chunk, so each commit must be forced to disk before
 * it is acknowledged, including the batches of {@code recordAll} written while the one before was being stored.
 */
class CommitDurabilityTest {
    private static final int EVENTS = 50;
    private static final int BULK_EVENTS = 400;
    private static final int BULK_BATCH = 60;

    @TempDir
    Path workDir;

    @Test
    void eventsWrittenOnH2SurviveTheProcessDyingRightAfterTheWrite() throws Exception {
        runChild("write");

        try (BounceStore store = BounceStore.open(StoreSettings.defaults(workDir))) {
            assertThat(store.countEvents(EventQuery.builder().build())).isEqualTo(EVENTS);
            assertThat(store.statuses("crash0@example.jp")).hasSize(1);
        }
    }

    @Test
    void everyBatchOfRecordAllSurvivesTheProcessDyingRightAfterItReturns() throws Exception {
        runChild("recordAll");

        try (BounceStore store = BounceStore.open(StoreSettings.defaults(workDir))) {
            assertThat(store.countEvents(EventQuery.builder().build())).isEqualTo(BULK_EVENTS);
            assertThat(store.statuses("bulk" + (BULK_EVENTS - 1) + "@example.jp")).hasSize(1);
        }
        assertThat(new EventSpool(workDir.resolve("var/bounce-guard/spool")).pendingCount()).isZero();
    }

    private void runChild(String mode) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitDurabilityTest.class.getName(), workDir.toString(), mode)
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("written");
    }

    /**
     * The child process: writes one batch with {@link PolicyWriter#write}, or {@value #BULK_EVENTS} events through
     * {@link EventRecorder#recordAll} in batches of {@value #BULK_BATCH} (each written while the one before is being
     * made durable), says so, and halts without closing anything.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (args[1].equals("recordAll")) {
            Properties p = new Properties();
            p.setProperty(StoreSettings.WRITE_BULK_BATCH, String.valueOf(BULK_BATCH));
            SuppressionSystem system = SuppressionSystem.open(StoreSettings.fromProperties(p, dir));
            List<PendingEvent> events = new ArrayList<>();
            for (int i = 0; i < BULK_EVENTS; i++) {
                events.add(PendingEvent.of(Events.hard("bulk" + i + "@example.jp", Instant.parse("2026-01-01T00:00:00Z"))));
            }
            system.recorder().recordAll(events);
        } else {
            BounceStore store = BounceStore.open(StoreSettings.defaults(dir));
            PolicyWriter writer = new PolicyWriter(store, new SuppressionPolicy(PolicySettings.defaults()), Clock.systemUTC());
            List<PendingEvent> batch = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                batch.add(PendingEvent.of(Events.hard("crash" + i + "@example.jp", Instant.parse("2026-01-01T00:00:00Z"))));
            }
            writer.write(batch);
        }
        System.out.println("written");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
