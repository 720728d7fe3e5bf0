package io.bounceguard.classify.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Finding and cleaning mail addresses in header values, report fields and free text. */
public final class Addresses {

    private static final String[] X400_ATTRIBUTES = {"smtp=", "rfc822="};

    private Addresses() {
    }

    /**
     * Cleans a report field value such as {@code rfc822; <Taro@Example.JP>}: drops the address type, angle
     * brackets and surrounding space and lower-cases it, but keeps a malformed address as written.
     */
    public static String fromReportField(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        int semi = v.indexOf(';');
        if (semi > 0 && semi < 20 && Tokens.isToken(v, 0, semi)) {
            v = v.substring(semi + 1).strip();
        }
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        v = decodeXtext(v);
        return v.isEmpty() ? null : v.toLowerCase(Locale.ROOT);
    }

    /** The first address in a header value such as {@code "Taro" <taro@example.jp>}, lower-cased, or null. */
    public static String first(String text) {
        if (text == null) {
            return null;
        }
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            String a = around(text, at);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    /** Every address in a text, lower-cased, in order, without duplicates. */
    public static List<String> all(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            String a = around(text, at);
            if (a != null && !found.contains(a)) {
                found.add(a);
            }
        }
        return found;
    }

    /**
     * The address around the {@code @} at {@code at}: the local part is the run of atom characters and dots before
     * it (an unbalanced opening quote kept, a wrapping quote dropped), the domain the run of labels after it, which
     * must hold a dot. Null when either side is empty. One linear scan, no regular expression.
     */
    private static String around(String text, int at) {
        int start = at;
        while (start > 0 && isLocalChar(text.charAt(start - 1))) {
            start--;
        }
        int end = at + 1;
        while (end < text.length() && isDomainChar(text.charAt(end))) {
            end++;
        }
        while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
            end--;
        }
        int lastDot = text.lastIndexOf('.', end - 1);
        if (lastDot <= at) {
            lastDot = -1;
        }
        while (start < at && text.charAt(start) == '.') {
            start++;
        }
        if (start == at || lastDot < 0 || lastDot >= end - 1 || lastDot == at + 1) {
            return null;
        }
        char first = text.charAt(start);
        if ((first == '\'' || first == '"') && end < text.length() && text.charAt(end) == first
                && text.indexOf(first, start + 1) >= end) {
            start++;
        }
        start = afterX400Attribute(text, start, at);
        if (start == at) {
            return null;
        }
        return text.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /**
     * Skips an X.400 domain-defined attribute written before the address, as Exchange and X.400 gateways do
     * ({@code dda:SMTP=taro@example.jp}, {@code RFC822=taro@example.jp}).
     */
    private static int afterX400Attribute(String text, int start, int at) {
        for (String attribute : X400_ATTRIBUTES) {
            int after = start + attribute.length();
            if (after < at && text.regionMatches(true, start, attribute, 0, attribute.length())) {
                return after;
            }
        }
        return start;
    }

    private static boolean isLocalChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                || c == '_' || c == '+' || c == '=' || c == '!' || c == '#' || c == '$' || c == '%' || c == '&'
                || c == '\'' || c == '*' || c == '/' || c == '?' || c == '^' || c == '`' || c == '{' || c == '|'
                || c == '}' || c == '~' || c == '"' || c > 127 && Character.isLetterOrDigit(c);
    }

    private static boolean isDomainChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                || c > 127 && Character.isLetterOrDigit(c);
    }

    /** The domain part of an address, or null. */
    public static String domain(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1);
    }

    /** Decodes RFC 3461 xtext ({@code +2B}) and RFC 6533 {@code \x{..}} escapes. */
    private static String decodeXtext(String v) {
        if (v.indexOf('+') < 0 && v.indexOf("\\x{") < 0) {
            return v;
        }
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '+' && i + 2 < v.length() && isHex(v.charAt(i + 1)) && isHex(v.charAt(i + 2))
                    && Character.isUpperCase(v.charAt(i + 1)) | Character.isDigit(v.charAt(i + 1))) {
                out.append((char) Integer.parseInt(v.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '\\' && v.startsWith("\\x{", i)) {
                int end = v.indexOf('}', i);
                if (end > i + 3) {
                    try {
                        out.appendCodePoint(Integer.parseInt(v.substring(i + 3, end), 16));
                        i = end;
                        continue;
                    } catch (NumberFormatException e) {
                        // not an escape: keep the text as written
                    }
                }
                out.append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
