package io.bounceguard.classify.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.bounceguard.classify.BounceClassifier;
import io.bounceguard.classify.Classification;

/**
 * Runs every case of the shared corpus ({@code -Dcorpus.dir}, set by the parent pom) through the classifier and
 * checks it against its expected.json and the project targets. Fails, never skips, when the corpus is missing.
 */
class CorpusTest {

    private static final BounceClassifier CLASSIFIER = BounceClassifier.withDefaultRules();
    private static final List<CaseComparison> RESULTS = new ArrayList<>();
    private static final List<String> SLOW_BROKEN = new ArrayList<>();
    private static final List<String> NOTBOUNCE_AS_BOUNCE = new ArrayList<>();
    private static long slowestBrokenNanos;

    @BeforeAll
    static void classifyAll() throws IOException {
        for (CorpusCase c : CorpusCase.all()) {
            byte[] bytes = c.bytes();
            long start = System.nanoTime();
            Classification result = CLASSIFIER.classify(bytes);
            long took = System.nanoTime() - start;
            if (c.family().equals("broken")) {
                slowestBrokenNanos = Math.max(slowestBrokenNanos, took);
                if (took > 1_000_000_000L) {
                    SLOW_BROKEN.add(c.name() + " " + took / 1_000_000 + " ms");
                }
            }
            if (c.family().equals("notbounce") && result.kind().isBounce()) {
                NOTBOUNCE_AS_BOUNCE.add(c.name());
            }
            RESULTS.add(new CaseComparison(c, result));
        }
        writeReport();
    }

    @Test
    void everyCaseAgreesUnlessListedAsAKnownMiss() {
        List<String> unexpected = new ArrayList<>();
        for (CaseComparison r : RESULTS) {
            if (!r.agrees() && !KnownMisses.CASES.containsKey(r.name)) {
                unexpected.add(r.name + ": " + String.join("; ", r.differences));
            }
        }
        assertThat(unexpected).as("corpus mismatches (see target/corpus-report.txt)").isEmpty();
    }

    @Test
    void knownMissesAreStillMisses() {
        List<String> stale = new ArrayList<>();
        for (CaseComparison r : RESULTS) {
            if (r.agrees() && KnownMisses.CASES.containsKey(r.name)) {
                stale.add(r.name);
            }
        }
        assertThat(stale).as("listed as known misses but now agree: remove them from KnownMisses").isEmpty();
        List<String> names = RESULTS.stream().map(r -> r.name).toList();
        assertThat(names).containsAll(KnownMisses.CASES.keySet());
    }

    @Test
    void recipientsAgreeEverywhere() {
        assertThat(figures().recipientAgreement).isEqualTo(100.0);
    }

    @Test
    void reasonAgreementIsAtLeast98Percent() {
        assertThat(figures().reasonAgreement).isGreaterThanOrEqualTo(98.0);
    }

    @Test
    void hardSoftAgreesWhereverTheReasonAgrees() {
        assertThat(figures().bounceAgreement).isEqualTo(100.0);
    }

    @Test
    void noOrdinaryMailIsTakenForABounce() {
        assertThat(NOTBOUNCE_AS_BOUNCE).isEmpty();
    }

    @Test
    void everyBrokenCaseIsAnsweredWithinASecond() {
        assertThat(SLOW_BROKEN).isEmpty();
    }

    static Figures figures() {
        int cases = RESULTS.size();
        int recipientCases = 0;
        int reasonAgree = 0;
        int reasonTotal = 0;
        int bounceAgree = 0;
        int full = 0;
        for (CaseComparison r : RESULTS) {
            if (r.recipientsAgree) {
                recipientCases++;
            }
            reasonAgree += r.reasonAgreements;
            reasonTotal += r.reasonComparable;
            bounceAgree += r.bounceAgreements;
            if (r.agrees()) {
                full++;
            }
        }
        int expectedRecipients = RESULTS.stream().mapToInt(r -> r.expectedRecipients).sum();
        return new Figures(cases, full, 100.0 * recipientCases / cases,
                expectedRecipients == 0 ? 100.0 : 100.0 * reasonAgree / expectedRecipients,
                reasonAgree == 0 ? 100.0 : 100.0 * bounceAgree / reasonAgree, reasonTotal, expectedRecipients);
    }

    record Figures(int cases, int fullyAgreeing, double recipientAgreement, double reasonAgreement,
                   double bounceAgreement, int comparedRecipients, int expectedRecipients) {
    }

    private static void writeReport() throws IOException {
        Figures f = figures();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "cases %d, fully agreeing %d%nrecipient agreement %.2f%% (cases whose recipient set agrees)%n"
                        + "reason agreement %.2f%% (of %d expected recipients)%nhard/soft agreement %.2f%% "
                        + "(recipients whose reason agrees)%nnotbounce reported as bounce: %s%n"
                        + "slowest broken case %.1f ms%n%n",
                f.cases(), f.fullyAgreeing(), f.recipientAgreement(), f.reasonAgreement(), f.expectedRecipients(),
                f.bounceAgreement(), NOTBOUNCE_AS_BOUNCE, slowestBrokenNanos / 1e6));
        for (CaseComparison r : RESULTS) {
            if (!r.agrees()) {
                out.append(KnownMisses.CASES.containsKey(r.name) ? "KNOWN " : "MISS  ").append(r.name).append(": ")
                        .append(String.join("; ", r.differences)).append('\n');
            }
        }
        Path report = Path.of("target", "corpus-report.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out, StandardCharsets.UTF_8);
        System.out.print(out.substring(0, out.indexOf("\n\n") + 1));
    }
}
