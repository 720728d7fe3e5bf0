package io.bounceguard.classify.text;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the recipient encoded in a VERP return address, the {@code local=domain} convention of qmail and
 * Postfix XVERP: {@code bounce-123-taro=example.jp@bounce.example.com} names {@code taro@example.jp}, and so
 * does the project's signed form {@code bounces+tk3b9c.4f1c0e9a7d2b5e61+taro=example.jp@shop.example}
 * ({@code <prefix>+<base36 time>.<hex mac>+<local>=<domain>}).
 */
public final class Verp {

    private static final Pattern VERP = Pattern.compile(
            "(?:^|[-+.])([A-Za-z0-9._%+!#$&'*/?^`{|}~-]+)=([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)@[^@\\s]+$");

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

    private Verp() {
    }

    /** The recipient a VERP address names, lower-cased, or null when the address is not VERP. */
    public static String decode(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int lastAt = a.lastIndexOf('@');
        if (lastAt < 0 || a.indexOf('=') < 0 || a.indexOf('=') > lastAt) {
            return null;
        }
        String local = a.substring(0, lastAt);
        int eq = local.lastIndexOf('=');
        String domain = local.substring(eq + 1);
        String left = local.substring(0, eq);
        if (!DOMAIN.matcher(domain).matches()) {
            return null;
        }
        Matcher m = VERP.matcher(a);
        if (!m.find()) {
            return null;
        }
        String user = tailAfterTag(left);
        return user.isEmpty() ? null : (user + "@" + domain).toLowerCase(Locale.ROOT);
    }

    /**
     * The local part after the bounce prefix: after a signed {@code <base36>.<hex>+} token, else after a '+'
     * separator, then after the last '-' that closes a
     * tag ending in a digit ({@code bounce-123-}, {@code 3753096-af84-}), else after the first '-'.
     */
    private static String tailAfterTag(String left) {
        String s = left;
        int plus = s.indexOf('+');
        if (plus >= 0) {
            s = s.substring(plus + 1);
            int signedEnd = signedTokenEnd(s);
            if (signedEnd > 0) {
                return s.substring(signedEnd);
            }
        }
        for (int i = s.length() - 1; i > 0; i--) {
            if (s.charAt(i) == '-' && Character.isDigit(s.charAt(i - 1))) {
                return s.substring(i + 1);
            }
        }
        int dash = s.indexOf('-');
        return plus < 0 && dash >= 0 ? s.substring(dash + 1) : s;
    }

    /**
     * The index just past a leading {@code <base36>.<hex>+} token (time and MAC of a signed return path), or
     * -1 when {@code s} does not start with one.
     */
    private static int signedTokenEnd(String s) {
        int i = 0;
        while (i < s.length() && isBase36(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i >= s.length() || s.charAt(i) != '.') {
            return -1;
        }
        int macStart = ++i;
        while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
            i++;
        }
        if (i == macStart || i >= s.length() || s.charAt(i) != '+') {
            return -1;
        }
        return i + 1;
    }

    private static boolean isBase36(char c) {
        return c < 128 && Character.digit(c, 36) >= 0;
    }
}
