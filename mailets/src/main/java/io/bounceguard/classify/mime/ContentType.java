package io.bounceguard.classify.mime;

import java.util.Locale;

/** A parsed Content-Type: lower-case mime type and the few parameters the classifier reads. */
public record ContentType(String mimeType, String charset, String boundary, String reportType) {

    public static final ContentType TEXT_PLAIN = new ContentType("text/plain", null, null, null);

    /** Parses a Content-Type value leniently; a missing or unreadable value is text/plain. */
    public static ContentType parse(String value) {
        if (value == null || value.isBlank()) {
            return TEXT_PLAIN;
        }
        int semi = value.indexOf(';');
        String type = (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        if (type.indexOf('/') < 0) {
            type = "text/plain";
        }
        String rest = semi < 0 ? "" : value.substring(semi + 1);
        String lowerRest = rest.toLowerCase(Locale.ROOT);
        return new ContentType(type, param(rest, lowerRest, "charset"), param(rest, lowerRest, "boundary"),
                lowerOrNull(param(rest, lowerRest, "report-type")));
    }

    public boolean is(String type) {
        return mimeType.equals(type);
    }

    public boolean isText() {
        return mimeType.startsWith("text/");
    }

    private static String lowerOrNull(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String param(String params, String lower, String name) {
        int from = 0;
        while (true) {
            int at = lower.indexOf(name, from);
            if (at < 0) {
                return null;
            }
            int before = at - 1;
            while (before >= 0 && Character.isWhitespace(lower.charAt(before))) {
                before--;
            }
            int eq = at + name.length();
            while (eq < lower.length() && Character.isWhitespace(lower.charAt(eq))) {
                eq++;
            }
            if ((before < 0 || lower.charAt(before) == ';') && eq < lower.length() && lower.charAt(eq) == '=') {
                return value(params, eq + 1);
            }
            from = at + name.length();
        }
    }

    private static String value(String params, int start) {
        int i = start;
        while (i < params.length() && Character.isWhitespace(params.charAt(i))) {
            i++;
        }
        if (i < params.length() && params.charAt(i) == '"') {
            int end = params.indexOf('"', i + 1);
            return params.substring(i + 1, end < 0 ? params.length() : end);
        }
        int end = i;
        while (end < params.length() && params.charAt(end) != ';' && !Character.isWhitespace(params.charAt(end))) {
            end++;
        }
        String v = params.substring(i, end);
        return v.isEmpty() ? null : v;
    }
}
