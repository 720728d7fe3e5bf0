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
            Map<StatCounters.Key, Long> counts = new HashMap<>();
            for (int day = -1; day <= 2; day++) {
                LocalDate d = DAY.plusDays(day);
                counts.put(new StatCounters.Key(d, "reason", "userunknown"), 3L);
                counts.put(new StatCounters.Key(d, "reason", "mailboxfull"), 1L);
                counts.put(new StatCounters.Key(d, "bounce_type", "hard"), 3L);
                counts.put(new StatCounters.Key(d, "source", "inbound_dsn"), 4L);
                counts.put(new StatCounters.Key(d, "domain", "a.example"), 4L);
                counts.put(new StatCounters.Key(d, "domain_failed", "a.example"), 4L);
                counts.put(new StatCounters.Key(d, "domain", "b.example"), 4L);
                counts.put(new StatCounters.Key(d, "domain_sent", "b.example"), 10L);
                counts.put(new StatCounters.Key(d, "domain_failed", "b.example"), 2L);
                counts.put(new StatCounters.Key(d, "domain_sent", "c.example"), 5L);
            }
            store.inTransaction(connection -> {
                new StatCounters(store.dialect()).add(connection, counts);
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
    void readsTheDomainMonthRowsWithTheSameTotalsAsTheDays(Backend backend) throws Exception {
        try (BounceStore store = BounceStore.open(TestDatabases.settings(backend, workDir))) {
            Random random = new Random(7);
            Map<StatCounters.Key, Long> daily = new HashMap<>();
            for (int day = -20; day < 45; day++) {
                for (String domain : List.of("a.example", "b.example", "c.example")) {
                    for (String dimension : List.of(StatCounters.DOMAIN, StatCounters.DOMAIN_FAILED, StatCounters.DOMAIN_SENT)) {
                        if (random.nextInt(5) > 0) {
                            daily.put(new StatCounters.Key(DAY.plusDays(day), dimension, domain), 1L + random.nextInt(50));
                        }
                    }
                }
            }
            StatCounters counters = new StatCounters(store.dialect());
            // In two transactions split by day parity, so that the second adds to the rows the first created.
            for (int parity = 0; parity < 2; parity++) {
                int p = parity;
                Map<StatCounters.Key, Long> half = new HashMap<>();
                daily.forEach((key, count) -> {
                    if (key.day().toEpochDay() % 2 == p) {
                        half.put(key, count);
                    }
                });
                store.inTransaction(connection -> {
                    counters.add(connection, half);
                    return null;
                });
            }
            int[][] ranges = {{-20, 44}, {3, 33}, {1, 7}, {-1, 0}, {6, 6}, {0, 30}, {31, 44}, {30, 31}, {-20, -1}, {9, 38}, {-3, 40}};
            for (int[] range : ranges) {
                LocalDate from = DAY.plusDays(range[0]);
                LocalDate to = DAY.plusDays(range[1]);
                Map<String, long[]> expected = new java.util.TreeMap<>();
                daily.forEach((key, count) -> {
                    if (!key.day().isBefore(from) && !key.day().isAfter(to)) {
                        int slot = List.of(StatCounters.DOMAIN, StatCounters.DOMAIN_FAILED, StatCounters.DOMAIN_SENT)
                            .indexOf(key.dimension());
                        expected.computeIfAbsent(key.value(), v -> new long[3])[slot] += count;
                    }
                });
                List<StatisticsSql.DomainTotals> read = store.inTransaction(connection -> StatisticsSql.domainTotals(connection, store.dialect(), from, to));
                assertThat(read).as(from + ".." + to).extracting(StatisticsSql.DomainTotals::domain,
                        t -> List.of(t.events(), t.failed(), t.sent()))
                    .containsExactlyInAnyOrderElementsOf(expected.entrySet().stream()
                        .map(e -> tuple(e.getKey(), List.of(e.getValue()[0], e.getValue()[1], e.getValue()[2])))
                        .collect(Collectors.toList()));
                assertThat(read).as("most events first").isSortedAccordingTo(
                    java.util.Comparator.comparingLong(StatisticsSql.DomainTotals::events).reversed()
                        .thenComparing(StatisticsSql.DomainTotals::domain));
                for (String dimension : List.of(StatCounters.DOMAIN, StatCounters.DOMAIN_FAILED, StatCounters.DOMAIN_SENT)) {
                    Map<String, Long> perDay = new HashMap<>();
                    store.statistics(dimension, from, to).forEach(c -> perDay.merge(c.day() + " " + c.value(), c.count(), Long::sum));
                    Map<String, Long> expectedPerDay = new HashMap<>();
                    daily.forEach((key, count) -> {
                        if (key.dimension().equals(dimension) && !key.day().isBefore(from) && !key.day().isAfter(to)) {
                            expectedPerDay.put(key.day() + " " + key.value(), count);
                        }
                    });
                    assertThat(perDay).as(dimension + " per day " + from + ".." + to).isEqualTo(expectedPerDay);
                }
            }
            assertThat(TestDatabases.number(store, "SELECT COUNT(*) FROM " + StatCounters.DOMAIN_TABLE))
                .as("one row per domain and month: 3 domains x February, March and April").isEqualTo(3 * 3);
            assertThat(TestDatabases.number(store, "SELECT COUNT(*) FROM bg_stat_daily")).as("no receiving-domain rows in the daily table")
                .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theUpgradeFillsTheDomainMonthRowsFromTheDailyCounters(Backend backend) throws Exception {
        String vendor = backend == Backend.H2 ? "h2" : "postgresql";
        String fill = migration("/db/vendor/" + vendor + "/V8__stat_domain_monthly_from_daily.sql");
        String cleanup = migration("/db/migration/V9__stat_domain_daily_rows_removed.sql");
        try (BounceStore store = BounceStore.open(TestDatabases.settings(backend, workDir))) {
            Random random = new Random(3);
            Map<StatCounters.Key, Long> daily = new HashMap<>();
            for (int day = -5; day < 11; day++) {
                for (String domain : List.of("a.example", "b.example")) {
                    for (String dimension : List.of(StatCounters.DOMAIN, StatCounters.DOMAIN_FAILED, StatCounters.DOMAIN_SENT)) {
                        if (dimension.equals(StatCounters.DOMAIN) || random.nextInt(4) > 0) {
                            daily.put(new StatCounters.Key(DAY.plusDays(day), dimension, domain), 1L + random.nextInt(99));
                        }
                    }
                }
                daily.put(new StatCounters.Key(DAY.plusDays(day), StatCounters.REASON, "userunknown"), 1L);
            }
            Map<StatCounters.DomainMonth, List<Long>> filled = store.inTransaction(connection -> {
                // The rows as a store before V7 kept them in bg_stat_daily, then the upgrade's fill and cleanup.
                for (Map.Entry<StatCounters.Key, Long> e : daily.entrySet()) {
                    counter(connection, (int) (e.getKey().day().toEpochDay() - DAY.toEpochDay()), e.getKey().dimension(),
                        e.getKey().value(), e.getValue());
                }
                try (PreparedStatement run = connection.prepareStatement(fill)) {
                    run.executeUpdate();
                }
                try (PreparedStatement run = connection.prepareStatement(cleanup.lines()
                        .filter(line -> line.startsWith("DELETE")).findFirst().orElseThrow())) {
                    run.executeUpdate();
                }
                return domainRows(connection);
            });
            Map<StatCounters.DomainMonth, List<Long>> expected = new HashMap<>();
            StatCounters.domainIncrements(daily).forEach((row, counts) ->
                expected.put(row, java.util.Arrays.stream(counts).boxed().collect(Collectors.toList())));
            assertThat(filled).isEqualTo(expected);
            assertThat(filled).as("February and March, for each of 2 domains").hasSize(4);
            assertThat(store.statistics(StatCounters.REASON, DAY.minusDays(5), DAY.plusDays(10))).hasSize(16);
            assertThat(TestDatabases.number(store, "SELECT COUNT(*) FROM bg_stat_daily WHERE dimension <> 'reason'")).isZero();

            // The writer adds to the filled rows like to its own.
            store.inTransaction(connection -> {
                new StatCounters(store.dialect()).add(connection, daily);
                return null;
            });
            Map<StatCounters.DomainMonth, List<Long>> doubled = store.inTransaction(OpsQueriesTest::domainRows);
            expected.replaceAll((row, counts) -> counts.stream().map(n -> 2 * n).collect(Collectors.toList()));
            assertThat(doubled).isEqualTo(expected);
        }
    }

    private static String migration(String resource) throws Exception {
        try (InputStream in = OpsQueriesTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n")).replace(";", "");
        }
    }

    private static Map<StatCounters.DomainMonth, List<Long>> domainRows(Connection connection) throws SQLException {
        Map<StatCounters.DomainMonth, List<Long>> rows = new HashMap<>();
        StringBuilder columns = new StringBuilder();
        for (String count : List.of("events", "failed", "sent")) {
            for (int day = 1; day <= StatCounters.ROW_DAYS; day++) {
                columns.append(", ").append(StatCounters.domainColumn(count, day));
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT month_start, recipient_domain" + columns + " FROM " + StatCounters.DOMAIN_TABLE);
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                List<Long> counts = new java.util.ArrayList<>();
                for (int i = 0; i < 3 * StatCounters.ROW_DAYS; i++) {
                    counts.add(rs.getLong(3 + i));
                }
                rows.put(new StatCounters.DomainMonth(rs.getDate(1).toLocalDate(), rs.getString(2)), counts);
            }
        }
        return rows;
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
