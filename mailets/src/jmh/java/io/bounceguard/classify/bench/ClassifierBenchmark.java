package io.bounceguard.classify.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.bounceguard.classify.BounceClassifier;
import io.bounceguard.classify.Classification;

/**
 * Messages per second on one thread over the whole corpus, each invocation one message in turn: the classifier,
 * and as baseline a bare mime4j walk of the same bytes (every token of the MIME tree, nothing else).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClassifierBenchmark {

    private static final MimeConfig LENIENT = MimeConfig.custom().setStrictParsing(false).setMaxLineLen(-1)
            .setMaxHeaderLen(-1).setMaxHeaderCount(-1).build();

    private byte[][] messages;
    private BounceClassifier classifier;
    private int next;

    @Setup
    public void load() {
        messages = CorpusMessages.load();
        classifier = BounceClassifier.withDefaultRules();
    }

    @Benchmark
    public Classification classify() {
        return classifier.classify(nextMessage());
    }

    @Benchmark
    public int mime4jWalk() throws IOException, MimeException {
        MimeTokenStream stream = new MimeTokenStream(LENIENT);
        stream.parse(new ByteArrayInputStream(nextMessage()));
        int tokens = 0;
        for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
            tokens++;
        }
        return tokens;
    }

    private byte[] nextMessage() {
        byte[] m = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        return m;
    }
}
