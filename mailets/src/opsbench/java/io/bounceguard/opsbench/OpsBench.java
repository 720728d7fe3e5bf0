package io.bounceguard.opsbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.SqlDialect;
import io.bounceguard.store.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The ops benchmark (Maven profile {@code ops-bench}, outside CI): fills H2 and an embedded PostgreSQL with
 * {@code n} events, then measures the CSV export (rows/s, heap) and the query p99s with their baselines.
 * Arguments: events (default 1,000,000), measured runs per indexed query (200), per slow baseline (20, within 40 s
 * per query), databases ({@code h2,postgresql}).
 */
public final class OpsBench {
    private OpsBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int slowRuns = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String databases = args.length > 3 ? args[3] : "h2,postgresql";
        List<String> report = new ArrayList<>();
        Path work = Files.createTempDirectory("bounce-guard-opsbench");

        if (databases.contains("h2")) {
            run("H2", StoreSettings.defaults(work), n, runs, slowRuns, report);
        }
        if (databases.contains("postgresql")) {
            runPostgres(work, n, runs, slowRuns, report);
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("could not remove " + work + ": " + e);
        }
        System.out.println();
        System.out.println("# Bounce Guard ops benchmark, " + n + " events, " + Runtime.getRuntime().availableProcessors() + " cores");
        report.forEach(System.out::println);
    }

    private static void runPostgres(Path work, int n, int runs, int slowRuns, List<String> report) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Properties pg = new Properties();
            pg.setProperty(StoreSettings.JDBC_URL, postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
            pg.setProperty(StoreSettings.JDBC_USER, "postgres");
            pg.setProperty(StoreSettings.JDBC_PASSWORD, "postgres");
            run("PostgreSQL", StoreSettings.fromProperties(pg, work), n, runs, slowRuns, report);
        }
    }

    private static void run(String database, StoreSettings settings, int n, int runs, int slowRuns, List<String> report)
        throws Exception {
        try (BounceStore store = BounceStore.open(settings)) {
            long start = System.nanoTime();
            BenchData.fill(store, n);
            report.add(String.format("## %s: filled %,d events in %.1f s", database, n, (System.nanoTime() - start) / 1e9));
            analyze(store);
            new ExportBench(store).run(database, n, line -> log(report, line));
            new QueryBench(store, runs, slowRuns).run(database, line -> log(report, line));
        }
    }

    /**
     * What autovacuum does to a freshly loaded table on a real server: fresh planner statistics and, on PostgreSQL,
     * a vacuum that sets the visibility map, without which index-only scans still visit the table.
     */
    private static void analyze(BounceStore store) throws Exception {
        try (var connection = store.dataSource().getConnection(); var statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute(store.dialect() == SqlDialect.POSTGRESQL ? "VACUUM ANALYZE" : "ANALYZE");
        }
    }

    private static void log(List<String> report, String line) {
        System.out.println(line);
        report.add(line);
    }
}
