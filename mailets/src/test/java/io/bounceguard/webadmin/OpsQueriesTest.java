package io.bounceguard.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.StatCounters;
import io.bounceguard.store.TestDatabases;
import io.bounceguard.store.TestDatabases.Backend;

/** The ops read queries (list order and paging, capped count, statistics) on H2 and PostgreSQL, after the V3 indexes. */
class OpsQueriesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-03-01");

    @TempDir
    Path workDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listsOneDomainNewestFirstAcrossPagesAndCapsTheCount(Backend backend) throws Exception {
        try (BounceStore store = BounceStore.open(TestDatabases.settings(backend, workDir))) {
            store.inTransaction(connection -> {
                for (int i = 0; i < 7; i++) {
                    insertEvent(connection, i, "u" + i + "@a.example", "a.example", T0.plusSeconds(i / 2));
                    insertEvent(connection, 100 + i, "u" + i + "@b.example", "b.example", T0.plusSeconds(i));
                }
                return null;
            });
            EventSql events = new EventSql(store);
            EventFilter domainA = filter(Optional.of("a.example"));

            List<EventRow> first = events.page(domainA, Optional.empty(), 4);
            List<EventRow> second = events.page(domainA, Optional.of(EventCursor.of(first.get(3))), 4);

            List<String> recipients = List.of(first, second).stream().flatMap(List::stream)
                .map(row -> row.event().recipient()).collect(Collectors.toList());
            assertThat(recipients).containsExactly("u6@a.example", "u5@a.example", "u4@a.example", "u3@a.example",
                "u2@a.example", "u1@a.example", "u0@a.example");
            assertThat(events.count(domainA, 5)).isEqualTo(5);
            assertThat(events.count(domainA, 100)).isEqualTo(7);
            assertThat(events.count(EventFilter.none().errors().withAcknowledged(false), 1_001)).isEqualTo(14);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @SuppressWarnings("unchecked")
    void sumsTheCountersOfTheRangeOnly(Backend backend) throws Exception {
        try (BounceStore store = BounceStore.open(TestDatabases.settings(backend, workDir))) {
            store.inTransaction(connection -> {
                for (int day = -1; day <= 2; day++) {
                    counter(connection, day, "reason", "userunknown", 3);
                    counter(connection, day, "reason", "mailboxfull", 1);
                    counter(connection, day, "bounce_type", "hard", 3);
                    counter(connection, day, "source", "inbound_dsn", 4);
                    counter(connection, day, "domain", "a.example", 4);
                    counter(connection, day, "domain_failed", "a.example", 4);
                    counter(connection, day, "domain", "b.example", 4);
                    counter(connection, day, "domain_sent", "b.example", 10);
                    counter(connection, day, "domain_failed", "b.example", 2);
                    counter(connection, day, "domain_sent", "c.example", 5);
                }
                return null;
            });
            Map<String, Object> stats = new StatisticsHandler(store).compute(DAY, DAY.plusDays(1), 20);

            assertThat((List<Map<String, Object>>) stats.get("byReason")).extracting(m -> m.get("reason"), m -> m.get("count"))
                .containsExactly(tuple("userunknown", 6L), tuple("mailboxfull", 2L));
            assertThat((Map<String, Long>) stats.get("byBounceType")).containsExactly(Map.entry("hard", 6L));
            assertThat((Map<String, Long>) stats.get("bySource")).containsExactly(Map.entry("inbound_dsn", 8L));
            List<Map<String, Object>> byDomain = (List<Map<String, Object>>) stats.get("byDomain");
            assertThat(byDomain).extracting(m -> m.get("domain"), m -> m.get("events"), m -> m.get("failed"), m -> m.get("sent"))
                .containsExactly(tuple("a.example", 8L, 8L, null),
                    tuple("b.example", 8L, 4L, 20L));
            List<Map<String, Object>> rates = (List<Map<String, Object>>) stats.get("bounceRate");
            assertThat(rates).extracting(m -> m.get("domain"), m -> m.get("rate"))
                .containsExactly(tuple("b.example", 0.2), tuple("c.example", 0.0));
            assertThat((List<Map<String, Object>>) stats.get("byDay")).extracting(m -> m.get("day"), m -> m.get("total"))
                .containsExactly(tuple("2026-03-01", 4L), tuple("2026-03-02", 4L));
            assertThat((List<Map<String, Object>>) new StatisticsHandler(store).compute(DAY, DAY, 1).get("byDomain")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void readsFullWeeksFromTheWeeklySumsAndTheSameTotalsAsTheDays(Backend backend) throws Exception {
        try (BounceStore store = BounceStore.open(TestDatabases.settings(backend, workDir))) {
            Random random = new Random(7);
            Map<StatCounters.Key, Long> daily = new HashMap<>();
            for (int day = 0; day < 45; day++) {
                for (String domain : List.of("a.example", "b.example", "c.example")) {
                    for (String dimension : List.of(StatCounters.DOMAIN, StatCounters.DOMAIN_FAILED)) {
                        daily.put(new StatCounters.Key(DAY.plusDays(day), dimension, domain), 1L + random.nextInt(50));
                    }
                }
            }
            StatCounters counters = new StatCounters(store.dialect());
            store.inTransaction(connection -> {
                counters.add(connection, daily);
                return null;
            });
            int[][] ranges = {{0, 44}, {3, 33}, {1, 7}, {2, 12}, {6, 6}, {0, 13}, {5, 19}};
            for (int[] range : ranges) {
                LocalDate from = DAY.plusDays(range[0]);
                LocalDate to = DAY.plusDays(range[1]);
                for (String dimension : List.of(StatCounters.DOMAIN, StatCounters.DOMAIN_FAILED)) {
                    Map<String, Long> expected = new HashMap<>();
                    daily.forEach((key, count) -> {
                        if (key.dimension().equals(dimension) && !key.day().isBefore(from) && !key.day().isAfter(to)) {
                            expected.merge(key.value(), count, Long::sum);
                        }
                    });
                    Map<String, Long> read = store.inTransaction(connection -> StatisticsSql.totals(connection, dimension, from, to));
                    assertThat(read).as(dimension + " " + from + ".." + to).isEqualTo(expected);
                }
            }
            long weeklyRows = store.inTransaction(connection -> {
                try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM bg_stat_weekly");
                     ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(weeklyRows).as("2 dimensions x 3 domains x the 8 ISO weeks the 45 days from a Sunday touch")
                .isEqualTo(2 * 3 * 8);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theUpgradeFillsTheWeeklySumsFromTheDailyCountersWithMondayWeeks(Backend backend) throws Exception {
        String vendor = backend == Backend.H2 ? "h2" : "postgresql";
        String fill;
        try (InputStream in = OpsQueriesTest.class.getResourceAsStream("/db/vendor/" + vendor + "/V6__stat_weekly_from_daily.sql")) {
            fill = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n")).replace(";", "");
        }
        try (BounceStore store = BounceStore.open(TestDatabases.settings(backend, workDir))) {
            Map<StatCounters.Key, Long> daily = new HashMap<>();
            for (int day = 0; day < 16; day++) {
                daily.put(new StatCounters.Key(DAY.plusDays(day), StatCounters.DOMAIN, "a.example"), (long) day + 1);
                daily.put(new StatCounters.Key(DAY.plusDays(day), StatCounters.REASON, "userunknown"), 1L);
            }
            Map<StatCounters.Key, Long> filled = store.inTransaction(connection -> {
                for (Map.Entry<StatCounters.Key, Long> e : daily.entrySet()) {
                    counter(connection, (int) (e.getKey().day().toEpochDay() - DAY.toEpochDay()), e.getKey().dimension(),
                        e.getKey().value(), e.getValue());
                }
                try (PreparedStatement run = connection.prepareStatement(fill)) {
                    run.executeUpdate();
                }
                Map<StatCounters.Key, Long> rows = new HashMap<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT week_start, dimension, dim_value, event_count FROM bg_stat_weekly");
                     ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.put(new StatCounters.Key(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3)),
                            rs.getLong(4));
                    }
                }
                return rows;
            });
            assertThat(filled).isEqualTo(StatCounters.weeklyIncrements(daily));
        }
    }

    private static EventFilter filter(Optional<String> domain) {
        return new EventFilter(Optional.empty(), Optional.empty(), domain, Optional.empty(), Optional.empty(),
            Optional.<EventSource>empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    private static void insertEvent(Connection connection, int n, String recipient, String domain, Instant time) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bg_event (event_uid, event_time, recorded_at,"
            + " recipient, address_key, recipient_domain, source, reason, bounce_type, verified)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'INBOUND_DSN', 'userunknown', 'hard', TRUE)")) {
            insert.setString(1, "uid-" + n);
            insert.setTimestamp(2, Timestamp.from(time));
            insert.setTimestamp(3, Timestamp.from(time));
            insert.setString(4, recipient);
            insert.setString(5, recipient);
            insert.setString(6, domain);
            insert.executeUpdate();
        }
    }

    private static void counter(Connection connection, int day, String dimension, String value, long count) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO bg_stat_daily (stat_day, dimension, dim_value, event_count) VALUES (?, ?, ?, ?)")) {
            insert.setDate(1, Date.valueOf(DAY.plusDays(day)));
            insert.setString(2, dimension);
            insert.setString(3, value);
            insert.setLong(4, count);
            insert.executeUpdate();
        }
    }
}
