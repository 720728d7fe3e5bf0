package io.bounceguard.classify.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

import io.bounceguard.classify.BounceClassifier;

/**
 * The same comparison as {@link ClassifierBenchmark}, measured in the thread's CPU time rather than wall time, so
 * that it holds on a machine shared with other work: messages per CPU-second of the classifier and of the bare
 * mime4j walk over the whole corpus, alternating rounds, and their ratio. Arguments: rounds (default 8) and passes
 * over the corpus per round (default 40).
 */
public final class CpuTimeRatio {

    private static final MimeConfig LENIENT = MimeConfig.custom().setStrictParsing(false).setMaxLineLen(-1)
            .setMaxHeaderLen(-1).setMaxHeaderCount(-1).build();

    private CpuTimeRatio() {
    }

    public static void main(String[] args) throws IOException, MimeException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        byte[][] messages = CorpusMessages.load();
        BounceClassifier classifier = BounceClassifier.withDefaultRules();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double bestClassify = 0;
        double bestWalk = 0;
        double[] ratios = new double[rounds];
        double[] classifyRates = new double[rounds];
        double[] walkRates = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            int sink = 0;
            for (int p = 0; p < passes; p++) {
                for (byte[] m : messages) {
                    sink += classifier.classify(m).recipients().size();
                }
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int p = 0; p < passes; p++) {
                for (byte[] m : messages) {
                    sink += walk(m);
                }
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            long n = (long) passes * messages.length;
            double classify = n / ((t1 - t0) / 1e9);
            double walk = n / ((t2 - t1) / 1e9);
            ratios[round] = classify / walk;
            classifyRates[round] = classify;
            walkRates[round] = walk;
            bestClassify = Math.max(bestClassify, classify);
            bestWalk = Math.max(bestWalk, walk);
            System.out.printf(Locale.ROOT, "round %d: classifier %.0f msgs/cpu-s, mime4j walk %.0f msgs/cpu-s, "
                    + "classifier/walk %.2f (%d)%n", round + 1, classify, walk, classify / walk, sink);
        }
        System.out.printf(Locale.ROOT, "best: classifier %.0f msgs/cpu-s, mime4j walk %.0f msgs/cpu-s, "
                + "classifier/walk %.2f over %d corpus messages%n", bestClassify, bestWalk, bestClassify / bestWalk,
                messages.length);
        int from = rounds / 2;
        System.out.printf(Locale.ROOT, "median of the last %d rounds: classifier %.0f msgs/cpu-s, mime4j walk %.0f "
                + "msgs/cpu-s, classifier/walk %.2f%n", rounds - from, median(classifyRates, from),
                median(walkRates, from), median(ratios, from));
    }

    /** The median of {@code values[from..]}: the first rounds are the JIT's warm-up. */
    private static double median(double[] values, int from) {
        double[] tail = Arrays.copyOfRange(values, from, values.length);
        Arrays.sort(tail);
        return tail.length == 0 ? 0 : tail[tail.length / 2];
    }

    private static int walk(byte[] message) throws IOException, MimeException {
        MimeTokenStream stream = new MimeTokenStream(LENIENT);
        stream.parse(new ByteArrayInputStream(message));
        int tokens = 0;
        for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
            tokens++;
        }
        return tokens;
    }
}
