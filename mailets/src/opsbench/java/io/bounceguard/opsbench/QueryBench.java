package io.bounceguard.opsbench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventSource;
import io.bounceguard.webadmin.EventFilter;
import io.bounceguard.webadmin.EventSql;
import io.bounceguard.webadmin.StatisticsHandler;

/**
 * p50/p99 of the ops list queries (a page of 50 through {@link EventSql}, as the route runs them) with the store's
 * indexes and without them, and of the statistics from the daily counters against a GROUP BY scan of the log. The
 * statistics are measured twice: for the last 30 days every run (the page's request), and for a 30-day range
 * shifted back 0-29 days per run, which H2 cannot answer from its cache of identical query results.
 */
final class QueryBench {
    private static final int PAGE = 50;
    private static final long BUDGET_SECONDS = 40;

    private final BounceStore store;
    private final EventSql events;
    private static final Random RANDOM = new Random(11);

    private final Random random = new Random(7);
    private final int runs;
    private final int slowRuns;

    QueryBench(BounceStore store, int runs, int slowRuns) {
        this.store = store;
        this.events = new EventSql(store);
        this.runs = runs;
        this.slowRuns = slowRuns;
    }

    /** The named list queries, each drawing fresh parameters per run. */
    Map<String, Runnable> listQueries() {
        Instant now = BenchData.now();
        Map<String, Runnable> queries = new LinkedHashMap<>();
        queries.put("newest page", () -> events.page(filter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false), Optional.empty(), PAGE));
        queries.put("recipient", () -> events.page(filter(Optional.of(BenchData.address(random.nextInt(BenchData.ADDRESSES))),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false), Optional.empty(), PAGE));
        queries.put("receiving domain", () -> events.page(filter(Optional.empty(),
            Optional.of(BenchData.domain(random.nextInt(BenchData.DOMAINS))), Optional.empty(), Optional.empty(),
            Optional.empty(), false), Optional.empty(), PAGE));
        queries.put("domain + last 7 days", () -> events.page(filter(Optional.empty(),
            Optional.of(BenchData.domain(random.nextInt(BenchData.DOMAINS))), Optional.empty(),
            Optional.of(now.minusSeconds(7 * 86_400L)), Optional.empty(), false), Optional.empty(), PAGE));
        queries.put("reason hostunknown, 7 days", () -> events.page(filter(Optional.empty(), Optional.empty(),
            Optional.of("hostunknown"), Optional.of(now.minusSeconds(7 * 86_400L)), Optional.empty(), false),
            Optional.empty(), PAGE));
        queries.put("unchecked errors", () -> events.page(filter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.of(false), true), Optional.empty(), PAGE));
        queries.put("unchecked count (badge)", () -> events.count(filter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.of(false), true), 1_001));
        return queries;
    }

    private static EventFilter filter(Optional<String> address, Optional<String> domain, Optional<String> reason,
                                      Optional<Instant> from, Optional<Boolean> checked, boolean errors) {
        Instant to = BenchData.now().plusSeconds(1 + RANDOM.nextInt(100_000));
        return new EventFilter(address, Optional.empty(), domain, reason, Optional.empty(), Optional.<EventSource>empty(),
            Optional.empty(), checked, from, Optional.of(to), errors);
    }

    /** Runs the query {@code measured} times after a warm-up, stopping early once {@value #BUDGET_SECONDS} s are spent. */
    Timings measure(Runnable query, int measured) {
        for (int i = 0; i < (measured >= 50 ? 10 : 1); i++) {
            query.run();
        }
        Timings timings = new Timings(measured);
        long deadline = System.nanoTime() + BUDGET_SECONDS * 1_000_000_000L;
        for (int i = 0; i < measured && (i < 3 || System.nanoTime() < deadline); i++) {
            long start = System.nanoTime();
            query.run();
            timings.add(System.nanoTime() - start);
        }
        return timings;
    }

    void run(String database, Consumer<String> report) throws Exception {
        Map<String, Timings> indexed = new LinkedHashMap<>();
        listQueries().forEach((name, query) -> indexed.put(name, measure(query, runs)));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StatisticsHandler statistics = new StatisticsHandler(store);
        Timings counters = measure(() -> statistics.compute(today.minusDays(29), today, 20), runs);
        Timings shifted = measure(() -> {
            int back = random.nextInt(30);
            statistics.compute(today.minusDays(29 + back), today.minusDays(back), 20);
        }, runs);
        Timings scan = measure(() -> scanStatistics(today.minusDays(29)), slowRuns);

        dropIndexes();
        Map<String, Timings> bare = new LinkedHashMap<>();
        listQueries().forEach((name, query) -> bare.put(name, measure(query, slowRuns)));

        report.accept("## " + database + ": filtered list (page of 50), with the store's indexes vs without them");
        indexed.forEach((name, timings) -> report.accept(String.format(Locale.ROOT, "%-28s indexed %s | no index %s | p99 ratio x%.1f",
            name, timings.summary(), bare.get(name).summary(), bare.get(name).percentile(99) / timings.percentile(99))));
        report.accept("## " + database + ": statistics for 30 days");
        report.accept(String.format(Locale.ROOT, "%-28s counters %s | log scan %s | p99 ratio x%.1f", "statistics",
            counters.summary(), scan.summary(), scan.percentile(99) / counters.percentile(99)));
        report.accept(String.format(Locale.ROOT, "%-28s counters %s | log scan %s | p99 ratio x%.1f", "statistics, shifted 30 days",
            shifted.summary(), scan.summary(), scan.percentile(99) / shifted.percentile(99)));
    }

    /** The same figures as the statistics route, computed by GROUP BY over the event log (the baseline). */
    private void scanStatistics(LocalDate from) {
        Timestamp since = Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(RANDOM.nextInt(1_000)));
        List<String> sql = List.of(
            "SELECT reason, COUNT(*) FROM bg_event WHERE event_time >= ? GROUP BY reason",
            "SELECT bounce_type, COUNT(*) FROM bg_event WHERE event_time >= ? GROUP BY bounce_type",
            "SELECT source, COUNT(*) FROM bg_event WHERE event_time >= ? GROUP BY source",
            "SELECT recipient_domain, COUNT(*), SUM(CASE WHEN bounce_type IN ('hard', 'soft') THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN source = 'DELIVERED' THEN 1 ELSE 0 END) FROM bg_event WHERE event_time >= ? GROUP BY recipient_domain",
            "SELECT CAST(event_time AS DATE), reason, COUNT(*) FROM bg_event WHERE event_time >= ? GROUP BY CAST(event_time AS DATE), reason");
        store.query("scan statistics", connection -> {
            List<Object> rows = new ArrayList<>();
            for (String query : sql) {
                try (PreparedStatement select = connection.prepareStatement(query)) {
                    select.setTimestamp(1, since);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            rows.add(rs.getObject(1));
                        }
                    }
                }
            }
            return rows;
        });
    }

    private void dropIndexes() throws Exception {
        try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String index : List.of("bg_event_key", "bg_event_time", "bg_event_domain_time")) {
                statement.execute("DROP INDEX " + index);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }
}
