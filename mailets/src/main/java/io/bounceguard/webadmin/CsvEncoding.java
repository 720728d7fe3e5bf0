package io.bounceguard.webadmin;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The byte encodings of our CSV files: UTF-8 with a byte-order mark (the default: Excel then reads Japanese
 * correctly) or Windows-31J (Shift_JIS as Windows writes it) for older tools.
 */
public enum CsvEncoding {
    UTF8_BOM(StandardCharsets.UTF_8, "utf-8"), WINDOWS_31J(Charset.forName("windows-31j"), "windows-31j");

    private final Charset charset;
    private final String httpName;

    CsvEncoding(Charset charset, String httpName) {
        this.charset = charset;
        this.httpName = httpName;
    }

    public Charset charset() {
        return charset;
    }

    public String contentType() {
        return "text/csv; charset=" + httpName;
    }

    /** {@code utf-8} (default), or {@code windows-31j} / {@code shift_jis} / {@code sjis} / {@code cp932}. */
    public static CsvEncoding from(String value) {
        if (value == null || value.isBlank()) {
            return UTF8_BOM;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "utf-8":
            case "utf8":
                return UTF8_BOM;
            case "windows-31j":
            case "shift_jis":
            case "sjis":
            case "cp932":
            case "ms932":
                return WINDOWS_31J;
            default:
                throw new BadRequest("charset must be utf-8 or windows-31j, was '" + value + "'");
        }
    }
}
