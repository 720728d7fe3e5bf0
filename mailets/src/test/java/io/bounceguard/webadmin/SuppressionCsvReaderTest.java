package io.bounceguard.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.bounceguard.store.SuppressionEntry;
import io.bounceguard.store.SuppressionOrigin;

class SuppressionCsvReaderTest {

    private static List<SuppressionCsvReader.Line> read(byte[] bytes, Charset charset) throws Exception {
        List<SuppressionCsvReader.Line> lines = new ArrayList<>();
        new SuppressionCsvReader(charset).read(new ByteArrayInputStream(bytes), lines::add);
        return lines;
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void anExportReadsBackUnchangedInBothEncodings(Language language) throws Exception {
        List<SuppressionEntry> entries = List.of(
            new SuppressionEntry("taro@example.jp", null, SuppressionOrigin.BOUNCE, "userunknown", "hard-bounce",
                Instant.parse("2026-01-14T00:00:00Z"), null, 1L),
            new SuppressionEntry("=cmd@example.jp", "sender.example", SuppressionOrigin.MANUAL, "filtered", "manual",
                Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), 2L),
            new SuppressionEntry("-minus@example.jp", null, SuppressionOrigin.IMPORT, null, "import",
                Instant.parse("2026-01-16T00:00:00Z"), null, null));
        for (CsvEncoding encoding : CsvEncoding.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new CsvExport<>(SuppressionCsv.columns(), language, encoding).write(out, sink -> entries.forEach(sink));
            List<SuppressionCsvReader.Line> lines = read(out.toByteArray(), encoding.charset());
            assertThat(lines).extracting(SuppressionCsvReader.Line::address)
                .containsExactly("taro@example.jp", "=cmd@example.jp", "-minus@example.jp");
            assertThat(lines).extracting(line -> line.scope().orElse(null)).containsExactly("global", "sender.example", "global");
            assertThat(lines).extracting(line -> line.reason().orElse(null)).containsExactly("userunknown", "filtered", null);
            assertThat(lines.get(1).until()).contains("2026-03-01T00:00:00Z");
        }
    }

    @Test
    void aPlainListWithoutHeaderIsReadFromTheFirstColumn() throws Exception {
        List<SuppressionCsvReader.Line> lines = read("a@example.jp\r\n\r\nb@example.jp,whatever\r\n# comment\r\n"
            .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(lines).extracting(SuppressionCsvReader.Line::address).containsExactly("a@example.jp", "b@example.jp");
        assertThat(lines.get(0).lineNumber()).isEqualTo(1);
    }

    @Test
    void anEnglishOrSimpleHeaderIsRecognised() throws Exception {
        assertThat(read("Email,Reason\nx@example.jp,hasmoved\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
            .singleElement().satisfies(line -> {
                assertThat(line.address()).isEqualTo("x@example.jp");
                assertThat(line.reason()).contains("hasmoved");
            });
    }
}
