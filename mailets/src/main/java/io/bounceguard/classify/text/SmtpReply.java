package io.bounceguard.classify.text;

/**
 * The codes inside a remote server's reply text: the three-digit SMTP reply code and the RFC 3463 enhanced
 * status code, wherever the MTA that quoted the reply put them.
 *
 * @param replyCode the reply code, or null
 * @param status    the enhanced status code {@code c.s.d}, or null
 */
public record SmtpReply(Integer replyCode, String status) {

    public static final SmtpReply NONE = new SmtpReply(null, null);

    /** Reads the codes from a reply text such as {@code 550-5.1.1 The email account ...}. */
    public static SmtpReply parse(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        Integer code = null;
        int len = text.length();
        for (int i = 0; i + 2 < len; i++) {
            if (isReplyCodeAt(text, i)) {
                code = (text.charAt(i) - '0') * 100 + (text.charAt(i + 1) - '0') * 10 + (text.charAt(i + 2) - '0');
                break;
            }
        }
        String status = null;
        for (int i = 0; i + 4 < len; i++) {
            int end = enhancedEnd(text, i);
            if (end < 0) {
                continue;
            }
            String candidate = text.substring(i, end);
            if (code == null || candidate.charAt(0) == (char) ('0' + code / 100)) {
                status = candidate;
                break;
            }
            if (status == null) {
                status = candidate;
            }
            i = end - 1;
        }
        return new SmtpReply(code, status);
    }

    /** A reply code at {@code i}: [245][0-5][0-9], not glued to a number, path or address, ending the word. */
    private static boolean isReplyCodeAt(String t, int i) {
        char c = t.charAt(i);
        if (c != '2' && c != '4' && c != '5') {
            return false;
        }
        char c1 = t.charAt(i + 1);
        if (c1 < '0' || c1 > '5' || !isDigit(t.charAt(i + 2))) {
            return false;
        }
        if (i > 0) {
            char p = t.charAt(i - 1);
            if (isDigit(p) || p == '.' || p == '#' || p == ':' || p == '/' || p == '-') {
                return false;
            }
        }
        if (i + 3 == t.length()) {
            return true;
        }
        char n = t.charAt(i + 3);
        return Character.isWhitespace(n) || n == '-';
    }

    /** End of an enhanced status code {@code c.s.d} starting at {@code i}, or -1. */
    private static int enhancedEnd(String t, int i) {
        char c = t.charAt(i);
        if (c != '2' && c != '4' && c != '5' || t.charAt(i + 1) != '.') {
            return -1;
        }
        if (i > 0 && (isDigit(t.charAt(i - 1)) || t.charAt(i - 1) == '.')) {
            return -1;
        }
        int j = digits(t, i + 2);
        if (j < 0 || j >= t.length() || t.charAt(j) != '.') {
            return -1;
        }
        int k = digits(t, j + 1);
        if (k < 0) {
            return -1;
        }
        if (k < t.length() && (isDigit(t.charAt(k))
                || t.charAt(k) == '.' && k + 1 < t.length() && isDigit(t.charAt(k + 1)))) {
            return -1;
        }
        return k;
    }

    /** End of a run of one to three digits at {@code from}, or -1. */
    private static int digits(String t, int from) {
        int k = from;
        while (k < t.length() && k < from + 4 && isDigit(t.charAt(k))) {
            k++;
        }
        return k == from || k - from > 3 ? -1 : k;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The RFC 3463 code at the start of a DSN Status field, or null when the field is not a code. */
    public static String statusField(String value) {
        if (value == null) {
            return null;
        }
        int i = 0;
        while (i < value.length() && Character.isWhitespace(value.charAt(i))) {
            i++;
        }
        if (i + 5 > value.length()) {
            return null;
        }
        int end = enhancedEnd(value, i);
        return end < 0 ? null : value.substring(i, end);
    }

    /** True for {@code x.0.0}: a status that says no more than the class. */
    public static boolean isGeneric(String status) {
        return status != null && status.endsWith(".0.0");
    }
}
