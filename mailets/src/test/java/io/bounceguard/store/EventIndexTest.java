package io.bounceguard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bounceguard.store.TestDatabases.Backend;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-address index of the event log after V11, {@code bg_event_key} on the address alone: a read by address goes
 * through it on both databases, and an address's history still comes back in time order when its events were logged
 * out of order (the index no longer holds the time).
 */
class EventIndexTest {
    @TempDir
    Path workDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReadByAddressUsesTheAddressIndex(Backend backend) throws Exception {
        try (BounceStore store = BounceStore.open(TestDatabases.settings(backend, workDir))) {
            String plan = store.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    if (backend == Backend.POSTGRESQL) {
                        s.execute("SET LOCAL enable_seqscan = off");
                    }
                    StringBuilder text = new StringBuilder();
                    try (ResultSet rs = s.executeQuery("EXPLAIN SELECT e.id FROM bg_event e WHERE e.address_key = 'a@b.example'"
                            + " ORDER BY e.event_time, e.id")) {
                        while (rs.next()) {
                            text.append(rs.getString(1)).append('\n');
                        }
                    }
                    return text.toString();
                }
            });
            assertThat(plan).contains("bg_event_key").doesNotContain("bg_event_key_time");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAddressHistoryIsInTimeOrderWhenItsEventsWereLoggedOutOfOrder(Backend backend) throws Exception {
        try (BounceStore store = BounceStore.open(TestDatabases.settings(backend, workDir))) {
            Instant base = Instant.parse("2026-03-01T00:00:00Z");
            int[] days = {5, 1, 9, 3, 7};
            List<PendingEvent> events = new ArrayList<>();
            for (int day : days) {
                events.add(PendingEvent.of(BounceEvent.builder().recipient("Late@Example.JP").time(base.plusSeconds(day * 86_400L))
                        .source(EventSource.INBOUND_DSN).kind("dsn").action("failed").status("4.2.2").replyCode(452)
                        .reason("mailboxfull").bounceType("soft").verified(true).build()));
                events.add(PendingEvent.of(BounceEvent.builder().recipient("other" + day + "@example.jp")
                        .time(base.plusSeconds(day * 86_400L)).source(EventSource.INBOUND_DSN).kind("dsn")
                        .action("failed").reason("userunknown").bounceType("hard").verified(true).build()));
            }
            for (PendingEvent event : events) {
                store.inTransaction(c -> store.eventLog().insert(c, List.of(event), false));
            }
            List<Instant> times = store.inTransaction(c -> {
                List<Instant> found = new ArrayList<>();
                for (HistoryEvent event : store.eventLog().history(c, List.of("late@example.jp"))) {
                    found.add(event.event().time());
                }
                return found;
            });
            assertThat(times).containsExactly(base.plusSeconds(86_400L), base.plusSeconds(3 * 86_400L),
                    base.plusSeconds(5 * 86_400L), base.plusSeconds(7 * 86_400L), base.plusSeconds(9 * 86_400L));
        }
    }
}
