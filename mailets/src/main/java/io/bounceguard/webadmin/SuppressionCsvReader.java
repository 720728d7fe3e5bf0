package io.bounceguard.webadmin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV of addresses for the bulk import: either our own suppression export (header in Japanese or
 * English, cells formula-neutralised) or a plain list with one address in the first column, with or without a
 * header. A UTF-8 byte-order mark and {@code #} comment lines are skipped.
 */
public final class SuppressionCsvReader {
    /** One data line: its line number in the file and its cells (scope, reason and until may be absent). */
    public record Line(long lineNumber, String address, Optional<String> scope, Optional<String> reason,
                       Optional<String> until) {
    }

    private static final Map<String, String> HEADER_KEYS = headerKeys();

    private final Charset charset;

    public SuppressionCsvReader(Charset charset) {
        this.charset = charset;
    }

    private static Map<String, String> headerKeys() {
        Map<String, String> keys = new HashMap<>();
        for (CsvColumn<?> column : SuppressionCsv.columns()) {
            keys.put(column.japanese().toLowerCase(Locale.ROOT), column.key());
            keys.put(column.english().toLowerCase(Locale.ROOT), column.key());
            keys.put(column.key().toLowerCase(Locale.ROOT), column.key());
        }
        keys.put("email", SuppressionCsv.ADDRESS);
        keys.put("e-mail", SuppressionCsv.ADDRESS);
        keys.put("mail", SuppressionCsv.ADDRESS);
        return keys;
    }

    /** Hands every data line to {@code sink}; empty lines are skipped. */
    public void read(InputStream input, Consumer<Line> sink) throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(input, charset));
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true).build();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            Iterator<CSVRecord> records = parser.iterator();
            Map<String, Integer> columns = Map.of(SuppressionCsv.ADDRESS, 0);
            boolean first = true;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (first) {
                    first = false;
                    Optional<Map<String, Integer>> header = header(record);
                    if (header.isPresent()) {
                        columns = header.get();
                        continue;
                    }
                }
                String address = cell(record, columns.get(SuppressionCsv.ADDRESS)).orElse("");
                if (address.isEmpty() && record.size() <= 1) {
                    continue;
                }
                sink.accept(new Line(record.getParser().getCurrentLineNumber(), address,
                    cell(record, columns.get(SuppressionCsv.SCOPE)), cell(record, columns.get(SuppressionCsv.REASON)),
                    cell(record, columns.get(SuppressionCsv.UNTIL))));
            }
        }
    }

    private static Optional<Map<String, Integer>> header(CSVRecord record) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String key = HEADER_KEYS.get(CsvCells.restore(record.get(i)).trim().toLowerCase(Locale.ROOT));
            if (key != null) {
                columns.putIfAbsent(key, i);
            }
        }
        return columns.containsKey(SuppressionCsv.ADDRESS) ? Optional.of(columns) : Optional.empty();
    }

    private static Optional<String> cell(CSVRecord record, Integer index) {
        if (index == null || index >= record.size()) {
            return Optional.empty();
        }
        return Params.text(CsvCells.restore(record.get(index)));
    }
}
