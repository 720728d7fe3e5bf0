package io.bounceguard.classify.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The codes inside a remote server's reply text: the three-digit SMTP reply code and the RFC 3463 enhanced
 * status code, wherever the MTA that quoted the reply put them.
 *
 * @param replyCode the reply code, or null
 * @param status    the enhanced status code {@code c.s.d}, or null
 */
public record SmtpReply(Integer replyCode, String status) {

    private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\d.#:/-])([245][0-5]\\d)(?=[\\s-]|$)");
    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d]|\\.\\d)");
    private static final Pattern STATUS_FIELD = Pattern.compile("^\\s*([245])\\.(\\d{1,3})\\.(\\d{1,3})(?!\\.?\\d)");

    public static final SmtpReply NONE = new SmtpReply(null, null);

    /** Reads the codes from a reply text such as {@code 550-5.1.1 The email account ...}. */
    public static SmtpReply parse(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        Integer code = null;
        Matcher m = REPLY_CODE.matcher(text);
        if (m.find()) {
            code = Integer.valueOf(m.group(1));
        }
        String status = null;
        Matcher e = ENHANCED.matcher(text);
        while (e.find()) {
            String candidate = e.group(1) + "." + e.group(2) + "." + e.group(3);
            if (code == null || candidate.charAt(0) == Character.forDigit(code / 100, 10)) {
                status = candidate;
                break;
            }
            if (status == null) {
                status = candidate;
            }
        }
        return new SmtpReply(code, status);
    }

    /** The RFC 3463 code at the start of a DSN Status field, or null when the field is not a code. */
    public static String statusField(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = STATUS_FIELD.matcher(value);
        return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
    }

    /** True for {@code x.0.0}: a status that says no more than the class. */
    public static boolean isGeneric(String status) {
        return status != null && status.endsWith(".0.0");
    }

    /** The reply code when the text starts with one (as a reply does), or null. */
    public static Integer leadingCode(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.length() >= 3 && t.charAt(0) >= '2' && t.charAt(0) <= '5' && Character.isDigit(t.charAt(1))
                && Character.isDigit(t.charAt(2)) && (t.length() == 3 || !Character.isDigit(t.charAt(3)))) {
            return Integer.valueOf(t.substring(0, 3));
        }
        return null;
    }
}
