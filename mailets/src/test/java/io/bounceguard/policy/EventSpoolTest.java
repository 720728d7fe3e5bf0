package io.bounceguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.PendingEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSpoolTest {
    @TempDir
    Path dir;

    @Test
    void keepsEveryFieldAcrossRestartsAndSurvivesATornLine() throws Exception {
        EventSpool spool = new EventSpool(dir);
        BounceEvent full = Events.hard("taro@example.jp", Instant.parse("2026-01-01T00:00:00.000001Z")).toBuilder()
                .diagnostic("550 5.1.1 ユーザー不明\n second line").remoteMta("mx").reportingMta("james").messageId("<id>")
                .feedbackType("abuse").build();
        PendingEvent withExpiry = PendingEvent.withExpiry(full, Instant.parse("2027-01-01T00:00:00Z"));
        spool.append(List.of(withExpiry, PendingEvent.of(Events.soft("b@example.jp", Instant.now(), "mailboxfull"))));
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.findFirst().orElseThrow();
            Files.writeString(file, "{\"uid\":\"torn", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }

        EventSpool reopened = new EventSpool(dir);
        assertThat(reopened.pendingCount()).isEqualTo(2);
        List<PendingEvent> replayed = new ArrayList<>();
        assertThat(reopened.replay(replayed::addAll, 10, () -> true)).isEqualTo(2);
        assertThat(replayed.get(0)).isEqualTo(withExpiry);
        assertThat(reopened.pendingCount()).isZero();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aFailedReplayKeepsTheSpool() throws Exception {
        EventSpool spool = new EventSpool(dir);
        spool.append(List.of(PendingEvent.of(Events.hard("a@example.jp", Instant.now()))));
        assertThatThrownBy(() -> spool.replay(batch -> {
            throw new IOException("database still down");
        }, 10, () -> false)).hasMessage("database still down");
        assertThat(spool.pendingCount()).isEqualTo(1);
        List<PendingEvent> replayed = new ArrayList<>();
        spool.replay(replayed::addAll, 10, () -> true);
        assertThat(replayed).hasSize(1);
    }

    @Test
    void anEventTheLiveDatabaseRefusesIsSetAsideNotLostAndDoesNotBlockTheOthers() throws Exception {
        EventSpool spool = new EventSpool(dir);
        PendingEvent poison = PendingEvent.of(Events.hard("poison@example.jp", Instant.now()));
        List<PendingEvent> good = List.of(PendingEvent.of(Events.hard("a@example.jp", Instant.now())),
                PendingEvent.of(Events.hard("b@example.jp", Instant.now())));
        spool.append(List.of(good.get(0), poison, good.get(1)));
        List<PendingEvent> stored = new ArrayList<>();
        long replayed = spool.replay(batch -> {
            if (batch.contains(poison)) {
                throw new IOException("value too long for type character varying(1024)");
            }
            stored.addAll(batch);
        }, 10, () -> true);
        assertThat(replayed).isEqualTo(2);
        assertThat(stored).containsExactlyElementsOf(good);
        assertThat(spool.pendingCount()).isZero();
        assertThat(spool.rejectedCount()).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir)) {
            Path rejected = files.filter(f -> f.getFileName().toString().startsWith("rejected-")).findFirst().orElseThrow();
            assertThat(Files.readString(rejected)).contains(poison.uid()).contains("poison@example.jp");
        }
        assertThat(new EventSpool(dir).pendingCount()).as("rejected files are not replayed").isZero();
    }
}
