package io.bounceguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ClassifyMainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNCE = String.join("\n",
            "From: MAILER-DAEMON@mx.example.com",
            "Subject: failure notice",
            "",
            "Hi. This is the qmail-send program at mx.example.com.",
            "I'm afraid I wasn't able to deliver your message to the following addresses.",
            "",
            "<jiro@example.org>:",
            "Sorry, no mailbox here by that name. (#5.1.1)",
            "");
    private static final String PLAIN = "From: a@example.com\nTo: b@example.com\nSubject: hi\n\nhello\n";

    @TempDir
    Path dir;

    @Test
    void walksDirectoriesAndPrintsOneJsonLinePerMessage() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/bounce.eml"), BOUNCE);
        Files.writeString(dir.resolve("plain.eml"), PLAIN);

        List<JsonNode> lines = run(dir.toString(), dir.resolve("missing.eml").toString());

        assertThat(lines).hasSize(3);
        JsonNode bounce = find(lines, "bounce.eml");
        assertThat(bounce.get("file").asText()).isEqualTo(dir.resolve("sub/bounce.eml").toString());
        assertThat(bounce.get("kind").asText()).isEqualTo("nonstandard");
        JsonNode r = bounce.get("recipients").get(0);
        assertThat(r.get("address").asText()).isEqualTo("jiro@example.org");
        assertThat(r.get("status").asText()).isEqualTo("5.1.1");
        assertThat(r.get("reason").asText()).isEqualTo("userunknown");
        assertThat(r.get("bounce").asText()).isEqualTo("hard");
        assertThat(r.has("rule")).isFalse();
        assertThat(find(lines, "plain.eml").get("kind").asText()).isEqualTo("notbounce");
        assertThat(find(lines, "missing.eml").get("error").asText()).isEqualTo("no such file");
    }

    @Test
    void explainsTheRuleTheModuleAndTheTextInBothLanguages() throws Exception {
        Path file = dir.resolve("b.eml");
        Files.writeString(file, BOUNCE);

        JsonNode r = run("--explain", file.toString()).get(0).get("recipients").get(0);

        assertThat(r.get("module").asText()).isEqualTo("qmail");
        assertThat(r.get("rule").asText()).contains("reason-rules.yaml");
        assertThat(r.get("text").get("ja").get("label").asText()).isEqualTo("ユーザー不明");
        assertThat(r.get("text").get("en").get("action").asText()).isNotBlank();
    }

    @Test
    void readsMboxFiles() throws Exception {
        Path mbox = dir.resolve("box.mbox");
        Files.writeString(mbox, "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n" + BOUNCE + "\n"
                + "From a@example.com Mon Jan  1 00:00:01 2024\n" + PLAIN.replace("hello", ">From here on"));

        List<JsonNode> lines = run("--mbox", mbox.toString());

        assertThat(lines).extracting(n -> n.get("file").asText())
                .containsExactlyInAnyOrder(mbox + "#1", mbox + "#2");
        assertThat(find(lines, "#1").get("kind").asText()).isEqualTo("nonstandard");
        assertThat(find(lines, "#2").get("kind").asText()).isEqualTo("notbounce");
    }

    @Test
    void rejectsABrokenRulesFileAndBadUsage() throws Exception {
        Path rules = dir.resolve("bad.yaml");
        Files.writeString(rules, "text:\n  - reason: nonsense\n    phrases: [x]\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ClassifyMain.run(new String[] {"--rules", rules.toString(), dir.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.yaml:2").contains("unknown reason");
        assertThat(ClassifyMain.run(new String[0], new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }

    private static JsonNode find(List<JsonNode> lines, String suffix) {
        return lines.stream().filter(n -> n.get("file").asText().endsWith(suffix)).findFirst().orElseThrow();
    }

    private static List<JsonNode> run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ClassifyMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        lines.sort(Comparator.comparing(n -> n.get("file").asText()));
        return lines;
    }
}
