package io.bounceguard.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.bounceguard.store.SuppressionEntry;
import io.bounceguard.store.SuppressionOrigin;

class CsvExportTest {
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    private static SuppressionEntry entry(String address, String reason) {
        return new SuppressionEntry(address, null, SuppressionOrigin.MANUAL, reason, "manual",
            Instant.parse("2026-01-14T09:00:00Z"), null, 7L);
    }

    private static byte[] export(List<SuppressionEntry> entries, Language language, CsvEncoding encoding, long[] replaced)
        throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = new CsvExport<>(SuppressionCsv.columns(), language, encoding).write(out, sink -> entries.forEach(sink));
        if (replaced != null) {
            replaced[0] = count;
        }
        return out.toByteArray();
    }

    private static List<CSVRecord> parse(String text) throws Exception {
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.RFC4180.builder().setCommentMarker('#').build())) {
            return parser.getRecords();
        }
    }

    @Test
    void utf8ExportStartsWithAByteOrderMarkAndHasJapaneseHeadersAndLabels() throws Exception {
        byte[] bytes = export(List.of(entry("taro@example.jp", "userunknown")), Language.JA, CsvEncoding.UTF8_BOM, null);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> records = parse(text);
        assertThat(records.get(0).get(0)).isEqualTo("メールアドレス");
        assertThat(records.get(1).get(4)).isEqualTo("ユーザー不明");
        assertThat(text).contains("\r\n");
    }

    @Test
    void englishExportHasEnglishHeadersAndLabels() throws Exception {
        String text = new String(export(List.of(entry("a@b.example", "mailboxfull")), Language.EN, CsvEncoding.UTF8_BOM, null),
            StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> records = parse(text);
        assertThat(records.get(0).get(0)).isEqualTo("Address");
        assertThat(records.get(1).get(4)).isNotEqualTo("mailboxfull").isNotBlank().doesNotContainPattern("[ぁ-んァ-ン]");
    }

    @Test
    void windows31jExportHasNoBomAndDecodesAsShiftJis() throws Exception {
        long[] replaced = new long[1];
        byte[] bytes = export(List.of(entry("taro@example.jp", "userunknown")), Language.JA, CsvEncoding.WINDOWS_31J, replaced);
        assertThat(bytes[0]).isNotEqualTo((byte) 0xEF);
        String text = new String(bytes, WINDOWS_31J);
        assertThat(text).startsWith("メールアドレス,").contains("ユーザー不明");
        assertThat(replaced[0]).isZero();
        assertThat(text).doesNotContain("#");
    }

    @Test
    void charactersWindows31jCannotHoldAreReplacedAndCounted() throws Exception {
        long[] replaced = new long[1];
        byte[] bytes = export(List.of(entry("emoji\uD83D\uDE00x@example.jp", null), entry("k\u00F6nig\u00E9@example.de", null)),
            Language.EN, CsvEncoding.WINDOWS_31J, replaced);
        assertThat(replaced[0]).isEqualTo(3);
        String text = new String(bytes, WINDOWS_31J);
        assertThat(text).contains("emoji?x@example.jp").contains("k?nig?@example.de")
            .contains("# 3 characters could not be written in Windows-31J and were replaced by ?");
        assertThat(parse(text)).hasSize(3);
    }

    @Test
    void rfc4180QuotingKeepsCommasQuotesAndLineBreaks() throws Exception {
        String tricky = "a\"b,c\r\nd@example.jp";
        String text = new String(export(List.of(entry(tricky, null)), Language.EN, CsvEncoding.UTF8_BOM, null),
            StandardCharsets.UTF_8).substring(1);
        assertThat(text).contains("\"a\"\"b,c\r\nd@example.jp\"");
        assertThat(parse(text).get(1).get(0)).isEqualTo(tricky);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")@a.jp", "+1@a.jp", "-1@a.jp", "@a.jp", "\tx@a.jp", "\rx@a.jp", "'q@a.jp", "#c@a.jp"})
    void formulaCellsAreNeutralisedAndTheImportRestoresThem(String dangerous) throws Exception {
        byte[] bytes = export(List.of(entry(dangerous, null)), Language.EN, CsvEncoding.UTF8_BOM, null);
        List<CSVRecord> records = parse(new String(bytes, StandardCharsets.UTF_8).substring(1));
        assertThat(records.get(1).get(0)).isEqualTo("'" + dangerous);
        List<String> read = new ArrayList<>();
        new SuppressionCsvReader(StandardCharsets.UTF_8).read(new java.io.ByteArrayInputStream(bytes), line -> read.add(line.address()));
        assertThat(read).containsExactly(dangerous.strip());
    }

    @Test
    void ordinaryCellsAreLeftAlone() {
        assertThat(CsvCells.neutralise("taro@example.jp")).isEqualTo("taro@example.jp");
        assertThat(CsvCells.restore("taro@example.jp")).isEqualTo("taro@example.jp");
        assertThat(CsvCells.restore("'taro@example.jp")).isEqualTo("'taro@example.jp");
        assertThat(CsvCells.neutralise(null)).isEmpty();
    }
}
