package io.bounceguard.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.bounceguard.classify.BounceClassifier;
import io.bounceguard.classify.RulesException;

/**
 * {@code java -jar bounce-classify.jar [--mbox] [--explain] [--threads N] [--rules FILE] PATH...}: classifies
 * every message on all cores and streams one JSON line per message, in completion order. A message that cannot
 * be read gives a line with an {@code error} field; the run goes on.
 */
public final class ClassifyMain {

    private static final String END = "\u0000end";

    private ClassifyMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status (0 done, 2 bad usage or rules file). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CliOptions options;
        BounceClassifier classifier;
        try {
            options = CliOptions.parse(args);
            classifier = options.rules().isEmpty() ? BounceClassifier.withDefaultRules()
                    : BounceClassifier.withRules(options.rules());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (RulesException e) {
            err.println("rules file rejected: " + e.getMessage());
            return 2;
        }
        ResultJson json = new ResultJson(options.explain());
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(4096);
        Thread writer = new Thread(() -> write(lines, out), "bounce-classify-writer");
        writer.start();
        ExecutorService workers = Executors.newFixedThreadPool(options.threads());
        Semaphore inFlight = new Semaphore(options.threads() * 8);
        try {
            for (String path : options.paths()) {
                MessageSources.each(path, options.mbox(), input -> {
                    inFlight.acquireUninterruptibly();
                    workers.execute(() -> {
                        try {
                            put(lines, classifyLine(classifier, json, input));
                        } finally {
                            inFlight.release();
                        }
                    });
                });
            }
        } finally {
            workers.shutdown();
            awaitQuietly(workers);
            put(lines, END);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    private static String classifyLine(BounceClassifier classifier, ResultJson json, MessageInput input) {
        if (input.error() != null) {
            return json.error(input.name(), input.error());
        }
        try {
            return json.line(input.name(), classifier.classify(input.bytes()));
        } catch (RuntimeException e) {
            return json.error(input.name(), "cannot classify: " + e);
        }
    }

    private static void write(BlockingQueue<String> lines, PrintStream out) {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            while (true) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    w.flush();
                    continue;
                }
                if (line.equals(END)) {
                    break;
                }
                w.write(line);
                w.write('\n');
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void put(BlockingQueue<String> lines, String line) {
        try {
            lines.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(ExecutorService workers) {
        try {
            workers.awaitTermination(365, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
