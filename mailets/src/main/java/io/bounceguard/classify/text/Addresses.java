package io.bounceguard.classify.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finding and cleaning mail addresses in header values, report fields and free text. */
public final class Addresses {

    private static final Pattern ADDRESS = Pattern.compile(
            "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~\"-]+(?:\\.{1,2}[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~\"-]+)*"
                    + "@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+");

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
        if (semi >= 0 && semi < 20 && v.substring(0, semi).matches("[A-Za-z0-9-]+\\s*")) {
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
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? unquote(text, m).toLowerCase(Locale.ROOT) : null;
    }

    /** Every address in a text, lower-cased, in order, without duplicates. */
    public static List<String> all(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            String a = unquote(text, m).toLowerCase(Locale.ROOT);
            if (!found.contains(a)) {
                found.add(a);
            }
        }
        return found;
    }

    /** The domain part of an address, or null. */
    public static String domain(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1);
    }

    public static boolean looksLikeAddress(String text) {
        return text != null && ADDRESS.matcher(text).find();
    }

    /** Drops a quote that opens the match when the same quote closes it right after the address. */
    private static String unquote(String text, Matcher m) {
        String a = m.group();
        char first = a.charAt(0);
        if ((first == '\'' || first == '"') && a.indexOf(first, 1) < 0 && m.end() < text.length()
                && text.charAt(m.end()) == first) {
            return a.substring(1);
        }
        return a;
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
