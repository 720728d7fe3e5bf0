package io.bounceguard.classify.realmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.bounceguard.classify.BounceClassifier;
import io.bounceguard.classify.Classification;
import io.bounceguard.classify.MessageKind;
import io.bounceguard.classify.RecipientResult;

/**
 * Measures the classifier on real bounces that nobody in this project wrote, fetched at test time (see
 * {@link ThirdPartySamples}). Mailman's flufl.bounce lists, for each of its samples, the addresses its detectors
 * must find; we compare recipient sets with that list. Skipped (not failed) when the samples cannot be fetched.
 * The report goes to {@code target/real-mail-report.txt}.
 */
class RealBounceSurveyTest {

    private static final Pattern DATA_ROW = Pattern.compile("\\('(\\w+)', '([\\w.]+)',\\s*\\[([^\\]]*)\\]");
    private static final Pattern BYTES = Pattern.compile("b'([^']+)'");
    /** Floor under today's figure (99 of 113 recipient sets agree): a regression guard, not a target. */
    private static final double FLUFL_FLOOR = 80.0;

    private final BounceClassifier classifier = BounceClassifier.withDefaultRules();

    @Test
    void mailmanSamplesAgreeWithFluflBounceOnRecipients() throws IOException {
        Path pkg = ThirdPartySamples.flufl();
        Assumptions.assumeTrue(pkg != null, "python3-flufl.bounce could not be fetched (offline?)");
        Map<String, Set<String>> expected = expectedAddresses(pkg.resolve("testing/helpers.py"));
        StringBuilder report = new StringBuilder();
        int agree = 0;
        int bounces = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            Path file = pkg.resolve("tests/data").resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Classification c = classifier.classify(Files.readAllBytes(file));
            Set<String> got = c.recipients().stream().map(RecipientResult::address).collect(Collectors.toSet());
            c.recipients().forEach(r -> reasons.merge(r.reason().id(), 1, Integer::sum));
            if (c.kind().isBounce()) {
                bounces++;
            }
            boolean same = got.equals(e.getValue());
            if (same) {
                agree++;
            }
            report.append(same ? "ok   " : "DIFF ").append(e.getKey()).append(' ').append(c.kind().id())
                    .append(" expected ").append(e.getValue()).append(" got ").append(got).append('\n');
        }
        int total = expected.size();
        double percent = 100.0 * agree / total;
        String summary = String.format(Locale.ROOT, "flufl.bounce samples: %d, recipient sets agreeing %d (%.1f%%), "
                + "taken for bounces %d, reasons %s%n", total, agree, percent, bounces, reasons);
        write("flufl", summary + report);
        System.out.print(summary);
        assertThat(percent).isGreaterThanOrEqualTo(FLUFL_FLOOR);
    }

    @Test
    void baunsuSamplesAreTakenForWhatTheirNamesSay() throws IOException {
        Path emails = ThirdPartySamples.baunsu();
        Assumptions.assumeTrue(emails != null, "baunsu could not be fetched (offline?)");
        StringBuilder report = new StringBuilder();
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.list(emails)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                Classification c = classifier.classify(Files.readAllBytes(file));
                report.append(name).append(' ').append(c.kind().id()).append(' ')
                        .append(c.recipients().stream().map(r -> r.address() + " " + r.reason().id() + " "
                                + r.bounce().id()).toList()).append('\n');
                MessageKind expected = name.startsWith("bounce_") ? null
                        : name.startsWith("auto_") ? MessageKind.AUTOREPLY : MessageKind.NOTBOUNCE;
                boolean right = expected == null ? c.kind().isBounce() && !c.recipients().isEmpty()
                        : c.kind() == expected;
                if (!right) {
                    wrong.add(name + " " + c.kind().id());
                }
            }
        }
        write("baunsu", report.toString());
        assertThat(wrong).isEmpty();
    }

    /** The DATA table of flufl.bounce's test helpers: file name -> the addresses its detectors must find. */
    private static Map<String, Set<String>> expectedAddresses(Path helpers) throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Matcher row = DATA_ROW.matcher(Files.readString(helpers, StandardCharsets.UTF_8));
        while (row.find()) {
            Set<String> addresses = out.computeIfAbsent(row.group(2), k -> new HashSet<>());
            Matcher b = BYTES.matcher(row.group(3));
            while (b.find()) {
                addresses.add(b.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static void write(String name, String text) throws IOException {
        Files.createDirectories(ThirdPartySamples.ROOT);
        Files.writeString(Path.of("target", "real-mail-report-" + name + ".txt"), text, StandardCharsets.UTF_8);
    }
}
