package io.bounceguard.classify.text;

/** Character-class checks that would otherwise need a regular expression per call. */
public final class Tokens {

    private Tokens() {
    }

    /**
     * True when {@code s[from, to)} is a field name or address type: ASCII letters, digits and '-', with optional
     * trailing white space, and not empty.
     */
    public static boolean isToken(String s, int from, int to) {
        int end = to;
        while (end > from && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        if (end == from) {
            return false;
        }
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
