package io.bounceguard.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;

import io.bounceguard.policy.ImportRow;
import io.bounceguard.policy.SuppressionSystem;
import io.bounceguard.store.StoreSettings;

/**
 * SMTP relay throughput of James 3.8.1 with the full Bounce Guard pipeline (signed return paths on, 100,000
 * suppressed addresses loaded) against the same James without our mailets: the same one-recipient-per-mail
 * newsletter workload, the same loopback sink, alternating runs, each on a freshly started server. Counted at
 * the sink: messages per second, and the latency from the client's DATA to the sink's receipt per mail. A first
 * pair of runs warms the JVM up (JIT) and is not counted.
 * Prints the median ratio full/baseline with its spread, and the p99 latency added per mail.
 *
 * <p>Arguments (all optional): runs per variant (5), mails per run (3000), client connections (4),
 * suppressed addresses (100000). Never asserts anything: it is a measurement, run outside CI.
 */
public final class RelayBench {
    private static final String SENDER = "news@james.local";
    private static final Pattern SENT_AT = Pattern.compile("X-Bench-Sent: (\\d+)");

    private final int mailsPerRun;
    private final int connections;
    private final int suppressedAddresses;
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger delivered = new AtomicInteger();
    private volatile long lastDelivery;
    private volatile boolean suppressedDelivered;
    private final SmtpSink sink;

    private RelayBench(int mailsPerRun, int connections, int suppressedAddresses) {
        this.mailsPerRun = mailsPerRun;
        this.connections = connections;
        this.suppressedAddresses = suppressedAddresses;
        this.sink = new SmtpSink(false, delivery -> {
            long now = System.nanoTime();
            Matcher matcher = SENT_AT.matcher(delivery.data());
            if (matcher.find()) {
                latencies.add(now - Long.parseLong(matcher.group(1)));
            }
            lastDelivery = now;
            if (delivery.recipients().stream().anyMatch(r -> r.endsWith("@suppressed.test"))) {
                suppressedDelivered = true;
                return;
            }
            delivered.incrementAndGet();
        });
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int mails = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int suppressed = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        RelayBench bench = new RelayBench(mails, connections, suppressed);
        try {
            bench.run(runs);
        } finally {
            bench.sink.close();
        }
        System.exit(0);
    }

    private void run(int runs) throws Exception {
        System.out.printf(Locale.ROOT, "relay-bench: %d runs per variant, %d mails per run, %d connections, %d suppressed%n",
            runs, mailsPerRun, connections, suppressedAddresses);
        Result warmBase = measure(false, -1);
        Result warmFull = measure(true, -1);
        System.out.printf(Locale.ROOT, "warm-up pair (JIT, discarded): baseline %.1f msg/s | full %.1f msg/s%n",
            warmBase.perSecond, warmFull.perSecond);
        List<Double> ratios = new ArrayList<>();
        List<Result> baselines = new ArrayList<>();
        List<Result> fulls = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            boolean fullFirst = i % 2 == 1;
            Result first = measure(fullFirst, i);
            Result second = measure(!fullFirst, i);
            Result base = fullFirst ? second : first;
            Result full = fullFirst ? first : second;
            baselines.add(base);
            fulls.add(full);
            ratios.add(full.perSecond / base.perSecond);
            System.out.printf(Locale.ROOT, "pair %d: baseline %.1f msg/s p99 %.1f ms | full %.1f msg/s p99 %.1f ms | ratio %.3f%n",
                i + 1, base.perSecond, base.p99Millis, full.perSecond, full.p99Millis, full.perSecond / base.perSecond);
        }
        List<Double> sorted = new ArrayList<>(ratios);
        Collections.sort(sorted);
        List<Double> addedP99 = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            addedP99.add(fulls.get(i).p99Millis - baselines.get(i).p99Millis);
        }
        Collections.sort(addedP99);
        System.out.printf(Locale.ROOT, "baseline msg/s: median %.1f (%s)%n", median(baselines.stream().map(r -> r.perSecond).toList()),
            baselines.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.perSecond)).toList());
        System.out.printf(Locale.ROOT, "full     msg/s: median %.1f (%s)%n", median(fulls.stream().map(r -> r.perSecond).toList()),
            fulls.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.perSecond)).toList());
        System.out.printf(Locale.ROOT, "ratio full/baseline: median %.3f, min %.3f, max %.3f%n",
            median(sorted), sorted.get(0), sorted.get(sorted.size() - 1));
        System.out.printf(Locale.ROOT, "p99 latency added per mail: median %.1f ms, min %.1f, max %.1f%n",
            median(addedP99), addedP99.get(0), addedP99.get(addedP99.size() - 1));
    }

    private record Result(double perSecond, double p99Millis) {
    }

    private Result measure(boolean full, int run) throws Exception {
        Path workingDirectory = Files.createTempDirectory("relay-bench-" + (full ? "full-" : "base-") + run + "-");
        ShippedConf conf = ShippedConf.copyInto(workingDirectory).relayTo(sink.port());
        if (full) {
            conf.write("bounce-guard.properties", "verp.enabled=true\nverp.secret=relay-bench-secret-0123456789\n");
            loadSuppressions(workingDirectory);
        } else {
            withoutBounceGuard(conf, workingDirectory);
        }
        GuiceJamesServer server = MemoryJamesServerMain.createServer(
            MemoryJamesConfiguration.builder().workingDirectory(workingDirectory.toFile()).build());
        server.start();
        try {
            server.getProbe(DataProbeImpl.class).addUser(SENDER, "secret");
            int port = server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
            if (full && suppressedAddresses > 0) {
                SmtpClient.send(port, SENDER, List.of("dead0@suppressed.test"), "Subject: suppressed check\r\n\r\nx\r\n");
            }
            send(port, Math.max(200, mailsPerRun / 10), "warm");
            awaitDelivered(Math.max(200, mailsPerRun / 10));
            latencies.clear();
            delivered.set(0);
            long start = System.nanoTime();
            send(port, mailsPerRun, "r" + run);
            awaitDelivered(mailsPerRun);
            double seconds = (lastDelivery - start) / 1e9;
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            if (suppressedDelivered) {
                throw new IllegalStateException("a suppressed address reached the sink: the suppression list is not in use");
            }
            double p99 = sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
            return new Result(mailsPerRun / seconds, p99);
        } finally {
            server.stop();
            delivered.set(0);
        }
    }

    /** Removes every Bounce Guard element from the pipeline and the SMTP handler chain: James as it ships. */
    private static void withoutBounceGuard(ShippedConf conf, Path workingDirectory) throws IOException {
        Path mailets = workingDirectory.resolve("conf/mailetcontainer.xml");
        String xml = Files.readString(mailets)
            .replaceAll("(?s)<matcher name=\"bounce-guard-[^\"]*\"[^>]*>.*?</matcher>", "")
            .replaceAll("(?s)<mailet match=\"bounce-guard-[^\"]*\" class=\"[^\"]*\">.*?</mailet>", "")
            .replaceAll("(?s)<mailet match=\"io\\.bounceguard[^\"]*\" class=\"[^\"]*\">.*?</mailet>", "")
            .replaceAll("(?s)<mailet match=\"[^\"]*\" class=\"io\\.bounceguard[^\"]*\">.*?</mailet>", "");
        if (xml.contains("io.bounceguard")) {
            throw new IllegalStateException("baseline conf still mentions io.bounceguard");
        }
        conf.write("mailetcontainer.xml", xml);
        conf.replace("smtpserver.xml", "<handler class=\"io.bounceguard.smtp.SignedReturnPathRcptHook\"/>", "");
    }

    private void loadSuppressions(Path workingDirectory) {
        StoreSettings settings = StoreSettings.defaults(workingDirectory);
        try (SuppressionSystem system = SuppressionSystem.open(settings)) {
            Iterator<ImportRow> rows = new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < suppressedAddresses;
                }

                @Override
                public ImportRow next() {
                    return new ImportRow("dead" + next++ + "@suppressed.test", null, "import", null);
                }
            };
            system.admin().importSuppressions(rows, "relay-bench", 5000);
        }
    }

    private void send(int port, int count, String tag) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    sendOnOneConnection(port, client, count, tag);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    private void sendOnOneConnection(int port, int client, int count, String tag) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = socket.getOutputStream()) {
            expect(in, "220");
            command(out, in, "EHLO bench.test", "250");
            for (int i = client; i < count; i += connections) {
                String recipient = "reader" + i + "-" + tag + "@remote.test";
                command(out, in, "MAIL FROM:<" + SENDER + ">", "250");
                command(out, in, "RCPT TO:<" + recipient + ">", "250");
                command(out, in, "DATA", "354");
                String message = "From: " + SENDER + "\r\nTo: " + recipient + "\r\nSubject: Newsletter " + tag + "\r\n"
                    + "Message-ID: <" + tag + "." + i + "@james.local>\r\nX-Bench-Sent: " + System.nanoTime() + "\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                    + "Monthly news for our readers.\r\n".repeat(40);
                out.write(message.getBytes(StandardCharsets.US_ASCII));
                command(out, in, ".", "250");
            }
            command(out, in, "QUIT", "221");
        }
    }

    private void awaitDelivered(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (delivered.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + delivered.get() + " of " + count + " mails reached the sink");
            }
            Thread.sleep(20);
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, expected);
    }

    private static void expect(BufferedReader in, String expected) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed, expected " + expected);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(expected)) {
            throw new IOException("expected " + expected + " but James said: " + line);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
