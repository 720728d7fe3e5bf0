package io.bounceguard.bench;

import io.bounceguard.policy.AddressHash;
import io.bounceguard.policy.LongExpirySet;
import io.bounceguard.policy.PolicySettings;
import io.bounceguard.policy.PolicyWriter;
import io.bounceguard.policy.SuppressionList;
import io.bounceguard.policy.SuppressionPolicy;
import io.bounceguard.policy.SuppressionSnapshot;
import io.bounceguard.policy.SuppressionSystem;
import io.bounceguard.store.AddressNormalizer;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.PendingEvent;
import io.bounceguard.store.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store benchmarks, each against a baseline measured in the same run: relay lookups at N suppressed
 * addresses (vs a {@code HashSet<String>}), snapshot heap, snapshot load time, and event writes per second
 * on H2 and PostgreSQL (batched and group-committed vs one transaction per event).
 * Arguments: {@code full} (1,000,000 addresses) or {@code smoke} (a quick run for CI); then {@code all} (default)
 * or {@code writes} (the event-write figures only, for iterating on the write path); then the databases, {@code h2},
 * {@code postgresql} or {@code both} (default).
 */
public final class StoreBench {
    private final boolean smoke;
    private final int addresses;
    private final int batchedWrites;
    private final int singleWrites;
    private final Path workDir;
    private boolean writesOnly;
    private final StringBuilder report = new StringBuilder();

    private StoreBench(boolean smoke, Path workDir) {
        this.smoke = smoke;
        this.addresses = smoke ? 20_000 : 1_000_000;
        this.batchedWrites = smoke ? 2_000 : 50_000;
        this.singleWrites = smoke ? 200 : 3_000;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        boolean smoke = args.length > 0 && args[0].equalsIgnoreCase("smoke");
        Path workDir = Files.createTempDirectory("bounce-guard-bench");
        StoreBench bench = new StoreBench(smoke, workDir);
        bench.writesOnly = args.length > 1 && args[1].equalsIgnoreCase("writes");
        bench.line("# Bounce Guard store benchmarks (" + (smoke ? "smoke" : "full") + ")");
        bench.line("");
        bench.line("JVM " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        double referenceAtStart = machineReferenceMillis();
        if (!bench.writesOnly) {
            bench.heap();
        }
        String databases = args.length > 2 ? args[2].toLowerCase(Locale.ROOT) : "both";
        if (!databases.equals("postgresql")) {
            bench.storeBenchmarks("H2 (embedded file)", bench.h2Settings(), true);
        }
        if (!databases.equals("h2")) {
            try (EmbeddedPostgres postgres = durablePostgres()) {
                bench.storeBenchmarks("PostgreSQL 14 (embedded, loopback)", bench.postgresSettings(postgres), false);
            }
        }
        bench.line("");
        bench.line(String.format(Locale.ROOT, "Machine reference (a fixed single-thread job that runs none of our code:"
                + " %,d sorted-map inserts of address-like strings and SHA-256 over %d MB; a slower or busier machine takes"
                + " longer, so figures of different days compare through it): %.0f ms at the start of the run, %.0f ms at the end",
                REFERENCE_INSERTS, REFERENCE_MB, referenceAtStart, machineReferenceMillis()));
        Path out = Path.of("target", "store-bench-" + (smoke ? "smoke" : "full") + (bench.writesOnly ? "-writes" : "")
                + (databases.equals("both") ? "" : "-" + databases) + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, bench.report.toString());
        System.out.println("Results written to " + out.toAbsolutePath());
        deleteTree(workDir);
        System.exit(0);
    }

    private static final int REFERENCE_INSERTS = 1_000_000;
    private static final int REFERENCE_MB = 128;
    /** Keeps the reference job's results alive, so that the JIT cannot drop the work. */
    private static long referenceSink;

    /**
     * The median time of three runs of the machine reference job (after three unmeasured ones): sorted-map inserts
     * of address-like strings, as B-tree descents, and SHA-256 over a fixed block.
     */
    private static double machineReferenceMillis() throws java.security.NoSuchAlgorithmException {
        double[] millis = new double[3];
        for (int run = -3; run < millis.length; run++) {
            Random random = new Random(7);
            byte[] block = new byte[1 << 20];
            random.nextBytes(block);
            long t0 = System.nanoTime();
            java.util.TreeMap<String, Integer> map = new java.util.TreeMap<>();
            for (int i = 0; i < REFERENCE_INSERTS; i++) {
                map.put("r" + random.nextInt(1_000_000) + "@dest" + random.nextInt(500) + ".example", i);
            }
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < REFERENCE_MB; i++) {
                sha.update(block);
            }
            referenceSink += map.size() + sha.digest()[0];
            if (run >= 0) {
                millis[run] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(millis);
        return millis[1];
    }

    /** Removes the run's databases: a full run leaves gigabytes of H2 file in the temporary directory. */
    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * The embedded server with PostgreSQL's own durability defaults: the embedded builder turns {@code fsync} and
     * {@code synchronous_commit} off, which would let commits return before they are on disk.
     */
    private static EmbeddedPostgres durablePostgres() throws java.io.IOException {
        return EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .start();
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    // ---------------------------------------------------------------- heap

    /** Heap retained by each structure for the same keys, which stay referenced by the caller throughout. */
    private void heap() {
        String[] keys = new String[addresses];
        for (int i = 0; i < addresses; i++) {
            keys[i] = bulkKey(i);
        }
        long before = usedHeap();
        LongExpirySet compact = new LongExpirySet(addresses);
        for (String key : keys) {
            compact.put(AddressHash.of("", key), 0);
        }
        long compactHeap = usedHeap() - before;
        before = usedHeap();
        Set<String> plain = new HashSet<>();
        for (String key : keys) {
            plain.add(new String(key.toCharArray()));
        }
        long plainHeap = usedHeap() - before;
        line("");
        line(String.format(Locale.ROOT, "## Snapshot heap at %,d suppressed addresses (measured after full GC)", addresses));
        line("");
        line("| structure | heap | per address |");
        line("|---|---:|---:|");
        line(String.format(Locale.ROOT, "| 64-bit hashes + expiry (LongExpirySet, as in SuppressionSnapshot) | %.1f MB | %.1f B |",
                mb(compactHeap), (double) compactHeap / addresses));
        line(String.format(Locale.ROOT, "| baseline HashSet<String> of the keys | %.1f MB | %.1f B |", mb(plainHeap),
                (double) plainHeap / addresses));
        line(String.format(Locale.ROOT, "| ratio ours/baseline | %.2f | |", (double) compactHeap / plainHeap));
        if (compact.size() != plain.size()) {
            throw new IllegalStateException("sizes differ");
        }
    }

    // ---------------------------------------------------------------- load and lookups

    private void loadAndLookups(BounceStore store, boolean withLookups) throws Exception {
        fillSuppressions(store);
        new SuppressionSnapshot(Clock.systemUTC()).load(store);

        long t0 = System.nanoTime();
        SuppressionSnapshot snapshot = new SuppressionSnapshot(Clock.systemUTC());
        snapshot.load(store);
        double oursSeconds = seconds(t0);

        t0 = System.nanoTime();
        Set<String> plain = loadPlain(store);
        double plainSeconds = seconds(t0);

        line("");
        line(String.format(Locale.ROOT, "Snapshot of %,d suppressed addresses, loaded at start from bg_suppression:", snapshot.size()));
        line("");
        line("| snapshot | load time | slot arrays |");
        line("|---|---:|---:|");
        line(String.format(Locale.ROOT, "| SuppressionSnapshot.load (64-bit hashes + expiry) | %.2f s | %.1f MB |",
                oursSeconds, mb(snapshot.memoryBytes())));
        line(String.format(Locale.ROOT, "| baseline: same rows into HashSet<String> | %.2f s | |", plainSeconds));
        line(String.format(Locale.ROOT, "| ratio ours/baseline | %.2f | |", oursSeconds / plainSeconds));
        if (withLookups) {
            lookups(snapshot, plain);
        }
    }

    private static Set<String> loadPlain(BounceStore store) throws Exception {
        Set<String> plain = new HashSet<>();
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT address_key, scope FROM bg_suppression WHERE suppressed_until IS NULL OR suppressed_until > ?")) {
                select.setFetchSize(BounceStore.STREAM_FETCH_SIZE);
                select.setTimestamp(1, Timestamp.from(Instant.now()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        plain.add(rs.getString(2).isEmpty() ? rs.getString(1) : rs.getString(2) + "\n" + rs.getString(1));
                    }
                }
            }
            connection.commit();
        }
        return plain;
    }

    private void lookups(SuppressionSnapshot snapshot, Set<String> plain) {
        Random random = new Random(1);
        String[] probes = new String[200_000];
        for (int i = 0; i < probes.length; i++) {
            String key = random.nextBoolean() ? bulkKey(random.nextInt(addresses)) : "absent" + i + "@nowhere" + (i % 50) + ".example";
            probes[i] = random.nextInt(4) == 0 ? key.toUpperCase(Locale.ROOT) : key;
        }
        AddressNormalizer normalizer = new AddressNormalizer(true);
        SuppressionList list = new SuppressionList(snapshot, normalizer);
        int rounds = smoke ? 2 : 5;
        long[] ours = new long[probes.length * rounds];
        long[] baseline = new long[probes.length * rounds];
        for (int warm = 0; warm < 3; warm++) {
            for (String probe : probes) {
                if (list.isSuppressed(probe, "sender.example") != baselineLookup(plain, normalizer, probe, "sender.example")) {
                    throw new IllegalStateException("lookups disagree on " + probe);
                }
            }
        }
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (String probe : probes) {
                long t0 = System.nanoTime();
                boolean a = list.isSuppressed(probe, "sender.example");
                long t1 = System.nanoTime();
                boolean b = baselineLookup(plain, normalizer, probe, "sender.example");
                long t2 = System.nanoTime();
                ours[n] = t1 - t0;
                baseline[n++] = t2 - t1;
                if (a != b) {
                    throw new IllegalStateException("lookups disagree on " + probe);
                }
            }
        }
        long[] empty = new long[probes.length];
        for (int i = 0; i < empty.length; i++) {
            long t0 = System.nanoTime();
            empty[i] = System.nanoTime() - t0;
        }
        line("");
        line(String.format(Locale.ROOT, "Relay lookups isSuppressed(address, senderDomain) at %,d suppressed addresses:"
                + " normalisation + global and scope probes, 50%% hits, 25%% upper-case input; %,d timed calls each,"
                + " interleaved with the baseline; the timer's own cost (p50 %s) is included:", snapshot.size(), ours.length,
                micros(at(sorted(empty), 50))));
        line("");
        line("| lookup | p50 | p99 | p99.9 | mean |");
        line("|---|---:|---:|---:|---:|");
        line(percentiles("SuppressionList (64-bit hashes)", ours));
        line(percentiles("baseline HashSet<String>, same normalisation", baseline));
        long[] o = sorted(ours);
        long[] b = sorted(baseline);
        line(String.format(Locale.ROOT, "| ratio ours/baseline | %.2f | %.2f | %.2f | %.2f |", (double) at(o, 50) / at(b, 50),
                (double) at(o, 99) / at(b, 99), (double) at(o, 99.9) / at(b, 99.9), mean(ours) / mean(baseline)));
    }

    private static String bulkKey(int i) {
        return "bulk" + i + "@load" + (i % 1000) + ".example";
    }

    private static boolean baselineLookup(Set<String> set, AddressNormalizer normalizer, String address, String scope) {
        return normalizer.tryNormalize(address).map(a -> set.contains(a.key()) || set.contains(scope + "\n" + a.key())).orElse(false);
    }

    // ---------------------------------------------------------------- store

    private StoreSettings h2Settings() {
        return StoreSettings.defaults(workDir.resolve("h2"));
    }

    private StoreSettings postgresSettings(EmbeddedPostgres postgres) {
        Properties p = new Properties();
        p.setProperty(StoreSettings.JDBC_URL, postgres.getJdbcUrl("postgres", "postgres"));
        p.setProperty(StoreSettings.JDBC_USER, "postgres");
        return StoreSettings.fromProperties(p, workDir.resolve("pg"));
    }

    private void storeBenchmarks(String name, StoreSettings settings, boolean lookups) throws Exception {
        line("");
        line("## " + name);
        try (BounceStore store = BounceStore.open(settings)) {
            writes(store, settings);
            if (!writesOnly) {
                loadAndLookups(store, lookups);
            }
        }
    }

    /**
     * Wall-clock rate, rates per CPU-second of this JVM and of this JVM plus the database server, and the time the
     * JIT compilers spent meanwhile (on two cores a busy compiler takes CPU from the writer and H2's own threads).
     */
    private record Rate(int events, double wall, double perJvmCpu, double perTotalCpu, double jitSeconds, long loggedBefore,
            List<Double> rounds) {
        Rate withRounds(List<Double> all) {
            return new Rate(events, wall, perJvmCpu, perTotalCpu, jitSeconds, loggedBefore, all);
        }
    }

    /** Measures {@code work} writing {@code events} events. */
    private static Rate measure(BounceStore store, int events, SqlRun work) throws Exception {
        long loggedBefore = rows(store, "bg_event");
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        long server0 = serverCpuNanos(store);
        long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        work.run();
        double wall = seconds(t0);
        double jvm = (processCpuNanos() - cpu0) / 1e9;
        double server = (serverCpuNanos(store) - server0) / 1e9;
        double jit = (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0) / 1e3;
        return new Rate(events, events / wall, events / jvm, events / (jvm + server), jit, loggedBefore, List.of());
    }

    private static long rows(BounceStore store, String table) {
        return store.query("count", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Unmeasured rounds of a path before its measured one, at most. */
    private static final int MAX_WARM_ROUNDS = 4;
    /** A round whose JIT compile time is under this share of its wall time ends the warm-up. */
    private static final double QUIET_JIT = 0.10;

    /** Measured rounds of each path; its row shows the round with the median rate, and all rounds' rates. */
    private static final int MEASURED_ROUNDS = 3;

    /** A write path of the benchmark: its row name, events per measured round, and the work for a list of events. */
    private record WritePath(String name, int count, java.util.function.Function<List<PendingEvent>, SqlRun> work) {
    }

    /**
     * Warms every path on fresh events (half its measured count) until the JIT compilers are quiet during a round
     * (at most {@link #MAX_WARM_ROUNDS} each), then runs {@link #MEASURED_ROUNDS} measured rounds in which the paths
     * take turns, each on {@code count} new events, and returns each path's median round. On two cores a compiler
     * still working on a path takes CPU from the writer and from H2's own threads. Taking turns measures every path
     * over the same range of store sizes: the rate drifts down as the store grows, and paths measured one after
     * the other were compared at different sizes (recordAll at 650,000-800,000 logged events, batches of 5,000 at
     * 350,000-500,000).
     */
    private List<Rate> measureInterleaved(BounceStore store, Random random, List<WritePath> paths) throws Exception {
        for (WritePath path : paths) {
            for (int round = 0; round < MAX_WARM_ROUNDS; round++) {
                int warmCount = Math.max(1, path.count() / 2);
                Rate warm = measure(store, warmCount, path.work().apply(events(random, warmCount)));
                if (warm.jitSeconds() < QUIET_JIT * warmCount / warm.wall()) {
                    break;
                }
            }
        }
        List<List<Rate>> measured = new ArrayList<>();
        paths.forEach(path -> measured.add(new ArrayList<>()));
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            for (int i = 0; i < paths.size(); i++) {
                WritePath path = paths.get(i);
                measured.get(i).add(measure(store, path.count(), path.work().apply(events(random, path.count()))));
            }
        }
        List<Rate> medians = new ArrayList<>();
        for (List<Rate> rounds : measured) {
            List<Double> rates = rounds.stream().map(Rate::wall).toList();
            List<Rate> sorted = new ArrayList<>(rounds);
            sorted.sort(java.util.Comparator.comparingDouble(Rate::wall));
            medians.add(sorted.get(sorted.size() / 2).withRounds(rates));
        }
        return medians;
    }

    /** A measured piece of work. */
    @FunctionalInterface
    private interface SqlRun {
        void run() throws Exception;
    }

    private void writes(BounceStore store, StoreSettings settings) throws Exception {
        PolicyWriter writer = new PolicyWriter(store, new SuppressionPolicy(PolicySettings.defaults()), Clock.systemUTC());
        Random random = new Random(2);
        warmUp(writer, random);
        List<Rate> rates;
        List<String> names;
        try (SuppressionSystem system = SuppressionSystem.open(settings)) {
            List<WritePath> paths = List.of(
                    new WritePath("baseline: one event per transaction", singleWrites, events -> () -> {
                        for (PendingEvent e : events) {
                            writer.write(List.of(e));
                        }
                    }),
                    new WritePath("batches of 500 (the most one group commit takes: store.write.maxBatch)", batchedWrites,
                            events -> batches(writer, events, 500)),
                    new WritePath("batches of " + LARGE_BATCH + ", each durable before the next starts (PolicyWriter.write)",
                            batchedWrites, events -> batches(writer, events, LARGE_BATCH)),
                    new WritePath("batches of " + LARGE_BATCH + " through recordAll (import, manual lists:"
                            + " store.write.bulkBatch), each written while the one before is made durable", batchedWrites,
                            events -> () -> system.recorder().recordAll(events)),
                    new WritePath("group commit, 16 threads calling record()", batchedWrites / 2,
                            events -> () -> groupCommit(settings, events)),
                    new WritePath("floor: the event rows alone in batches of " + LARGE_BATCH
                            + " (no policy, statuses or counters)", batchedWrites, events -> () -> {
                                for (int from = 0; from < events.size(); from += LARGE_BATCH) {
                                    List<PendingEvent> batch = events.subList(from, Math.min(events.size(), from + LARGE_BATCH));
                                    store.inDurableTransaction(c -> store.eventLog().insert(c, batch, false));
                                }
                            }));
            names = paths.stream().map(WritePath::name).toList();
            rates = measureInterleaved(store, random, paths);
            requireNothingSpooled(system);
        }
        line("");
        line("Event writes (each event: insert + policy fold on from the address's saved state (its whole history when"
                + " an event comes late) + status/suppression upserts + statistics counters; every write durable on return" + durabilityNote(store) + "; measured after "
                + WARM_UP_EVENTS + " events of warm-up, each row after up to " + MAX_WARM_ROUNDS + " unmeasured rounds of"
                + " its own path, until the JIT compilers took under " + (int) (QUIET_JIT * 100) + " % of a round, then "
                + MEASURED_ROUNDS + " measured rounds in which the paths take turns, so that each is measured over the same"
                + " range of store sizes (the columns are those of the median round); "
                + String.format(Locale.ROOT, "%,d events logged at the end, %,d address statuses", rows(store, "bg_event"),
                        rows(store, "bg_address_status")) + "):");
        line("");
        line("| write path | events per round | events/s (wall, median round) | every round's events/s | ratio vs one per"
                + " transaction | events per JVM CPU-second | events per CPU-second, JVM + database server | JIT compiling"
                + " meanwhile | events logged before |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < rates.size(); i++) {
            line(rateRow(names.get(i), rates.get(i), rates.get(0)));
        }
        line(String.format(Locale.ROOT, "(system load average during the run: %.1f on %d cores)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors()));
    }

    /** Events written before any measurement, so that the JIT has compiled the write path (H2's included). */
    private static final int WARM_UP_EVENTS = 30_000;
    /** The batch size of the bulk paths (spool replay, import) measured beside the default 500. */
    private static final int LARGE_BATCH = 5_000;

    private void warmUp(PolicyWriter writer, Random random) throws Exception {
        int count = smoke ? WARM_UP_EVENTS / 10 : WARM_UP_EVENTS;
        batches(writer, events(random, count), 500).run();
        for (PendingEvent e : events(random, count / 20)) {
            writer.write(List.of(e));
        }
    }

    private static SqlRun batches(PolicyWriter writer, List<PendingEvent> events, int size) {
        return () -> {
            for (int from = 0; from < events.size(); from += size) {
                writer.write(events.subList(from, Math.min(events.size(), from + size)));
            }
        };
    }

    private static String rateRow(String name, Rate rate, Rate baseline) {
        return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %s | %.1f | %,.0f | %,.0f | %.1f s in %.1f s | %,d |", name,
                rate.events(), rate.wall(), rate.rounds().stream().map(r -> String.format(Locale.ROOT, "%,.0f", r))
                        .collect(java.util.stream.Collectors.joining(" / ")),
                rate.wall() / baseline.wall(), rate.perJvmCpu(), rate.perTotalCpu(),
                rate.jitSeconds(), rate.events() / rate.wall(), rate.loggedBefore());
    }

    /** The server's durability settings on PostgreSQL (the embedded server of the benchmark may relax them). */
    private static String durabilityNote(BounceStore store) {
        if (store.dialect() != io.bounceguard.store.SqlDialect.POSTGRESQL) {
            return "; H2: CHECKPOINT SYNC after each transaction, page buffer " + store.settings().h2PageBufferMb() + " MB";
        }
        return store.query("settings", c -> {
            StringBuilder note = new StringBuilder("; PostgreSQL server settings:");
            for (String name : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (PreparedStatement s = c.prepareStatement("SELECT current_setting('" + name + "')");
                     ResultSet rs = s.executeQuery()) {
                    rs.next();
                    note.append(' ').append(name).append('=').append(rs.getString(1));
                }
            }
            return note.toString();
        });
    }

    private static void groupCommit(StoreSettings settings, List<PendingEvent> events) throws Exception {
        try (SuppressionSystem system = SuppressionSystem.open(settings)) {
            int threads = 16;
            CountDownLatch done = new CountDownLatch(threads);
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                new Thread(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < events.size()) {
                        system.recorder().record(events.get(i).event());
                    }
                    done.countDown();
                }).start();
            }
            done.await();
            requireNothingSpooled(system);
        }
    }

    private static void requireNothingSpooled(SuppressionSystem system) {
        if (system.health().spooledEvents() != 0 || system.health().lostEvents() != 0) {
            throw new IllegalStateException("events were spooled or lost during the benchmark: " + system.health());
        }
    }

    /**
     * The recipients the written events are drawn from (on 500 domains), so that an address bounces again and the
     * policy folds a history, as with a mailing list's soft bounces.
     */
    private static final int RECIPIENTS = 200_000;

    /** Events for random recipients among {@link #RECIPIENTS}: hard, soft and sender-side failures, deliveries. */
    private List<PendingEvent> events(Random random, int count) {
        String[] reasons = {"mailboxfull", "blocked", "spamdetected", "systemerror", "expired"};
        List<PendingEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int address = random.nextInt(RECIPIENTS);
            String recipient = "r" + address + "@dest" + address % 500 + ".example";
            int kind = random.nextInt(10);
            BounceEvent.Builder e = BounceEvent.builder().recipient(recipient).originalSender("news@shop.example")
                    .scope("shop.example").kind("dsn").verified(true).remoteMta("mx.dest.example")
                    .reportingMta("james.shop.example").messageId("<" + i + "@shop.example>");
            if (kind < 2) {
                e.source(EventSource.INBOUND_DSN).action("failed").status("5.1.1").replyCode(550).reason("userunknown")
                        .bounceType("hard").diagnostic("550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown");
            } else if (kind < 9) {
                String reason = reasons[random.nextInt(reasons.length)];
                e.source(EventSource.REMOTE_DELIVERY).action("failed").status("4.2.2").replyCode(452).reason(reason)
                        .bounceType("soft").diagnostic("452 4.2.2 temporary failure: " + reason);
            } else {
                e.source(EventSource.DELIVERED).action("delivered").replyCode(250).reason("delivered").bounceType("none");
            }
            events.add(PendingEvent.of(e.build()));
        }
        return events;
    }

    private void fillSuppressions(BounceStore store) throws Exception {
        long existing = store.query("count", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM bg_suppression"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        int missing = (int) Math.max(0, addresses - existing);
        Timestamp now = Timestamp.from(Instant.now());
        for (int from = 0; from < missing; from += 10_000) {
            int start = from;
            int end = Math.min(missing, from + 10_000);
            store.inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO bg_suppression (address_key, scope, origin,"
                        + " reason, rule_name, suppressed_since, suppressed_until, event_id, updated_at)"
                        + " VALUES (?, '', 'IMPORT', 'bench', 'import', ?, NULL, NULL, ?)")) {
                    for (int i = start; i < end; i++) {
                        insert.setString(1, bulkKey(i));
                        insert.setTimestamp(2, now);
                        insert.setTimestamp(3, now);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
        }
    }

    // ---------------------------------------------------------------- helpers

    private static long[] sorted(long[] sample) {
        long[] copy = sample.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static String percentiles(String name, long[] sample) {
        long[] sorted = sorted(sample);
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", name, micros(at(sorted, 50)), micros(at(sorted, 99)),
                micros(at(sorted, 99.9)), micros((long) mean(sample)));
    }

    static long at(long[] sorted, double percentile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.2f µs", nanos / 1000.0);
    }

    private static double mean(long[] sample) {
        return Arrays.stream(sample).average().orElse(0);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * CPU time used so far by the PostgreSQL server behind the store (postmaster and backends, from /proc), or 0 on
     * H2 (which runs inside this JVM) and where /proc cannot be read.
     */
    private static long serverCpuNanos(BounceStore store) {
        try {
            int backend = store.query("backend pid", c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            long postmaster = Long.parseLong(procStat(backend)[1]);
            long ticks = cpuTicks(postmaster);
            for (ProcessHandle child : (Iterable<ProcessHandle>) ProcessHandle.of(postmaster).orElseThrow().children()::iterator) {
                ticks += cpuTicks(child.pid());
            }
            return ticks * 10_000_000L;
        } catch (Exception e) {
            return 0;
        }
    }

    /** The fields of /proc/PID/stat after the command name (field 3 onwards). */
    private static String[] procStat(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** utime + stime + cutime + cstime of a process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) {
        try {
            String[] f = procStat(pid);
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (Exception e) {
            return 0;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
