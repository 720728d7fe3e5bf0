package io.bounceguard.classify.rules;

/**
 * Normalises reply text for matching: lower case, full-width ASCII folded, the repeated {@code 550-5.1.1}
 * prefixes of multi-line replies removed, runs of white space collapsed to one space.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = true;
        int i = 0;
        int len = text.length();
        while (i < len) {
            if (space) {
                int skip = continuationPrefix(text, i);
                if (skip > 0) {
                    i += skip;
                    continue;
                }
            }
            char c = text.charAt(i++);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            }
            if (Character.isWhitespace(c) || c == '\u3000' || c == 0) {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
                continue;
            }
            out.append(Character.toLowerCase(c));
            space = false;
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') {
            out.setLength(end - 1);
        }
        return out.toString();
    }

    /** Length of a multi-line reply prefix such as {@code 550-5.1.1 } or {@code 550-} at {@code i}, else 0. */
    private static int continuationPrefix(String text, int i) {
        if (i + 4 > text.length() || !isDigit(text.charAt(i)) || !isDigit(text.charAt(i + 1))
                || !isDigit(text.charAt(i + 2)) || text.charAt(i + 3) != '-') {
            return 0;
        }
        boolean lineStart = i == 0 || isLineStart(text, i);
        int j = i + 4;
        int k = j;
        while (k < text.length() && (isDigit(text.charAt(k)) || text.charAt(k) == '.')) {
            k++;
        }
        if (k > j + 4 && k < text.length() && text.charAt(k) == ' ' && text.charAt(j + 1) == '.') {
            return k + 1 - i;
        }
        return lineStart ? 4 : 0;
    }

    private static boolean isLineStart(String text, int i) {
        int j = i - 1;
        while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j--;
        }
        return j < 0 || text.charAt(j) == '\n' || text.charAt(j) == '\r' || text.charAt(j) == ';';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
