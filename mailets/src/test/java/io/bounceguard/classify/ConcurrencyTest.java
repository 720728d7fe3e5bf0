package io.bounceguard.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.bounceguard.classify.corpus.CorpusCase;

/** One classifier shared by many threads gives the same results as one thread. */
class ConcurrencyTest {

    @Test
    void sharedClassifierIsThreadSafe() {
        BounceClassifier classifier = BounceClassifier.withDefaultRules();
        List<CorpusCase> cases = CorpusCase.all();
        List<byte[]> messages = cases.stream().map(CorpusCase::bytes).toList();
        List<Classification> sequential = messages.stream().map(classifier::classify).toList();
        Map<Integer, Classification> parallel = new ConcurrentHashMap<>();

        IntStream.range(0, messages.size() * 4).parallel()
                .forEach(i -> parallel.put(i, classifier.classify(messages.get(i % messages.size()))));

        parallel.forEach((i, c) -> assertThat(c).as(cases.get(i % messages.size()).name())
                .isEqualTo(sequential.get(i % messages.size())));
    }
}
