package io.bounceguard.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bounceguard.classify.BounceClassifier;
import io.bounceguard.classify.BounceType;
import io.bounceguard.classify.Reason;
import io.bounceguard.classify.RecipientResult;
import io.bounceguard.classify.RulesException;

class ReasonRulesTest {

    /** Reasons decided by the message's structure (Action, kind, missing cause), never by a rule. */
    private static final Set<Reason> STRUCTURAL = EnumSet.of(Reason.DELAYED, Reason.DELIVERED, Reason.VACATION,
            Reason.FEEDBACK, Reason.ONHOLD, Reason.UNDEFINED);

    @TempDir
    Path dir;

    @Test
    void theShippedFileHasARuleForEveryReasonThatRulesDecide() {
        Set<Reason> expected = EnumSet.complementOf(EnumSet.copyOf(STRUCTURAL));
        assertThat(ReasonRules.shipped().coveredReasons()).containsAll(expected);
    }

    @Test
    void anAdminTextRuleOverridesTheShippedOne() throws Exception {
        Path admin = write("admin.yaml", String.join("\n",
                "text:",
                "  - reason: suppressed",
                "    phrases: [\"user unknown\"]",
                ""));
        String reply = "550 5.1.1 <a@remote.test>: Recipient address rejected: User unknown";

        RecipientResult shipped = BounceClassifier.withDefaultRules().classifyReply("a@remote.test", reply, true);
        RecipientResult overridden = BounceClassifier.withRules(List.of(admin)).classifyReply("a@remote.test", reply,
                true);

        assertThat(shipped.reason()).isEqualTo(Reason.USERUNKNOWN);
        assertThat(overridden.reason()).isEqualTo(Reason.SUPPRESSED);
        assertThat(overridden.bounce()).isEqualTo(BounceType.HARD);
        assertThat(overridden.rule()).contains("admin.yaml:2");
    }

    @Test
    void anAdminStatusAndHostRuleComeBeforeTheShippedOnes() throws Exception {
        Path admin = write("admin.yaml", String.join("\n",
                "status:",
                "  - {code: \"5.2.2\", reason: suspend, strong: true}",
                "hosts:",
                "  - domains: [mx.example.org]",
                "    rules:",
                "      - reason: policyviolation",
                "        patterns: ['go\\s+away']",
                ""));
        BounceClassifier classifier = BounceClassifier.withRules(List.of(admin));

        assertThat(classifier.classifyReply("b@example.net", "552 5.2.2 Mailbox full", true).reason())
                .isEqualTo(Reason.SUSPEND);
        assertThat(classifier.classifyReply("c@mx.example.org", "550 5.7.1 go   away", true).reason())
                .isEqualTo(Reason.POLICYVIOLATION);
        assertThat(classifier.classifyReply("c@other.example", "550 5.7.1 go away", true).reason())
                .isNotEqualTo(Reason.POLICYVIOLATION);
    }

    @Test
    void aYamlSyntaxErrorNamesFileAndLine() throws IOException {
        Path bad = write("broken.yaml", "text:\n  - reason: userunknown\n    phrases: [\"a\", \"b\"\n  - oops: [\n");

        assertThatThrownBy(() -> BounceClassifier.withRules(List.of(bad)))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("broken.yaml:")
                .hasMessageContaining("YAML syntax")
                .satisfies(e -> assertThat(((RulesException) e).line()).isPositive());
    }

    @Test
    void anUnknownReasonIsRejectedWithItsLine() throws IOException {
        Path bad = write("reasons.yaml", "text:\n  - reason: userunknown\n    phrases: [\"x\"]\n"
                + "  - reason: no-such-reason\n    phrases: [\"y\"]\n");

        assertThatThrownBy(() -> BounceClassifier.withRules(List.of(bad)))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("reasons.yaml:4")
                .hasMessageContaining("unknown reason 'no-such-reason'");
    }

    @Test
    void aBadPatternIsRejectedWithItsLine() throws IOException {
        Path bad = write("regex.yaml", "text:\n  - reason: blocked\n    patterns: ['([unclosed']\n");

        assertThatThrownBy(() -> BounceClassifier.withRules(List.of(bad)))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("regex.yaml:2")
                .hasMessageContaining("bad pattern");
    }

    @Test
    void aBadStatusCodeOrSectionIsRejected() throws IOException {
        Path code = write("code.yaml", "status:\n  - {code: \"5.1\", reason: userunknown}\n");
        Path section = write("section.yaml", "texts:\n  - reason: userunknown\n    phrases: [\"x\"]\n");
        Path missing = write("missing.yaml", "text:\n  - reason: userunknown\n");

        assertThatThrownBy(() -> BounceClassifier.withRules(List.of(code))).hasMessageContaining("code.yaml:2")
                .hasMessageContaining("bad status code");
        assertThatThrownBy(() -> BounceClassifier.withRules(List.of(section))).hasMessageContaining("section.yaml:1")
                .hasMessageContaining("unknown section 'texts'");
        assertThatThrownBy(() -> BounceClassifier.withRules(List.of(missing))).hasMessageContaining("missing.yaml:2")
                .hasMessageContaining("neither phrases nor patterns");
    }

    @Test
    void aMissingFileIsRejected() {
        assertThatThrownBy(() -> BounceClassifier.withRules(List.of(dir.resolve("nope.yaml"))))
                .isInstanceOf(RulesException.class).hasMessageContaining("nope.yaml").hasMessageContaining("cannot read");
    }

    @Test
    void textBeatsAGenericCodeButAPreciseCodeBeatsText() {
        ReasonRules rules = ReasonRules.shipped();
        assertThat(rules.decide(facts("5.1.1", 550, "550 5.1.1 too many recipients this hour")).reason())
                .isEqualTo(Reason.SPEEDING);
        assertThat(rules.decide(facts("5.7.26", 550, "550-5.7.26 unauthenticated mail is blocked using policy"))
                .reason()).isEqualTo(Reason.AUTHFAILURE);
        assertThat(rules.decide(facts("5.2.2", 552, "")).reason()).isEqualTo(Reason.MAILBOXFULL);
    }

    @Test
    void japaneseCarrierRulesApplyOnlyToCarrierHostsAndTheirConditions() {
        ReasonRules rules = ReasonRules.shipped();
        DiagnosticFacts docomoData = new DiagnosticFacts("5.0.0", 550, "550 Unknown user", "DATA",
                List.of("docomo.ne.jp"), false);
        DiagnosticFacts docomoRcpt = new DiagnosticFacts("5.0.0", 550, "550 Unknown user <a@docomo.ne.jp>", "RCPT",
                List.of("docomo.ne.jp"), true);
        DiagnosticFacts elsewhere = new DiagnosticFacts("5.0.0", 550, "550 Unknown user", "DATA",
                List.of("example.org"), false);

        assertThat(rules.decide(docomoData).reason()).isEqualTo(Reason.FILTERED);
        assertThat(rules.decide(docomoRcpt).reason()).isEqualTo(Reason.USERUNKNOWN);
        assertThat(rules.decide(elsewhere).reason()).isEqualTo(Reason.USERUNKNOWN);
    }

    @Test
    void theNormaliserRemovesMultiLineReplyPrefixesAndFoldsCase() {
        assertThat(TextNormalizer.normalise("550-5.1.1 The email account\n550-5.1.1 that you TRIED"))
                .isEqualTo("the email account that you tried");
        assertThat(TextNormalizer.normalise("ＵＳＥＲ　ＵＮＫＮＯＷＮ")).isEqualTo("user unknown");
    }

    @Test
    void thePhraseAutomatonFindsOverlappingPhrases() {
        PhraseMatcher m = PhraseMatcher.build(List.of("he", "she", "his", "hers", "ユーザー不明"));
        assertThat(m.find("ushers").stream().toArray()).containsExactly(0, 1, 3);
        assertThat(m.find("宛先はユーザー不明です").stream().toArray()).containsExactly(4);
        assertThat(m.find("xyz").isEmpty()).isTrue();
    }

    private static DiagnosticFacts facts(String status, Integer code, String text) {
        return new DiagnosticFacts(status, code, text, null, List.of(), false);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
