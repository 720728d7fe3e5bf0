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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch that {@link PolicyWriter#write} has returned for survives the process dying at once: H2 keeps a
 * commit in memory until its background writer stores it, so the writer must force it to disk first.
 */
class CommitDurabilityTest {
    private static final int EVENTS = 50;

    @TempDir
    Path workDir;

    @Test
    void eventsWrittenOnH2SurviveTheProcessDyingRightAfterTheWrite() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitDurabilityTest.class.getName(), workDir.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("written");

        try (BounceStore store = BounceStore.open(StoreSettings.defaults(workDir))) {
            assertThat(store.countEvents(EventQuery.builder().build())).isEqualTo(EVENTS);
            assertThat(store.statuses("crash0@example.jp")).hasSize(1);
        }
    }

    /** The child process: writes one batch, says so, and halts without closing anything. */
    public static void main(String[] args) throws Exception {
        BounceStore store = BounceStore.open(StoreSettings.defaults(Path.of(args[0])));
        PolicyWriter writer = new PolicyWriter(store, new SuppressionPolicy(PolicySettings.defaults()), Clock.systemUTC());
        List<PendingEvent> batch = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            batch.add(PendingEvent.of(Events.hard("crash" + i + "@example.jp", Instant.parse("2026-01-01T00:00:00Z"))));
        }
        writer.write(batch);
        System.out.println("written");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
