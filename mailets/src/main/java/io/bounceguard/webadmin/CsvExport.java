package io.bounceguard.webadmin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams rows as RFC 4180 CSV (CRLF, quotes doubled): a byte-order mark first for UTF-8, headers and labels in
 * the chosen language, every cell formula-neutralised. When characters had to be replaced for Windows-31J, a
 * last comment line ({@code #}) says how many.
 */
public final class CsvExport<T> {
    private final List<CsvColumn<T>> columns;
    private final Language language;
    private final CsvEncoding encoding;

    public CsvExport(List<CsvColumn<T>> columns, Language language, CsvEncoding encoding) {
        this.columns = List.copyOf(columns);
        this.language = language;
        this.encoding = encoding;
    }

    /** Writes the header, then every row {@code producer} hands over; returns the number of replaced characters. */
    public long write(OutputStream stream, Consumer<Consumer<T>> producer) throws IOException {
        if (encoding == CsvEncoding.UTF8_BOM) {
            stream.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        ReplacingWriter writer = new ReplacingWriter(stream, encoding.charset());
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setCommentMarker('#').build());
        List<String> header = new ArrayList<>();
        columns.forEach(column -> header.add(column.header(language)));
        printer.printRecord(header);
        List<String> cells = new ArrayList<>(columns.size());
        try {
            producer.accept(row -> {
                cells.clear();
                for (CsvColumn<T> column : columns) {
                    cells.add(CsvCells.neutralise(column.value().apply(row, language)));
                }
                try {
                    printer.printRecord(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long replaced = writer.replaced();
        if (replaced > 0) {
            printer.printComment(language.pick(replaced + " 文字を Windows-31J で表せないため ? に置き換えました",
                replaced + " characters could not be written in Windows-31J and were replaced by ?"));
        }
        printer.flush();
        return replaced;
    }
}
