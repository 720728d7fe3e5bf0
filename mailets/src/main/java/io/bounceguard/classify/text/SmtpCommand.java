package io.bounceguard.classify.text;

import java.util.Locale;

/** Recognises, in an MTA's wording, the SMTP command at which a reply was given. */
public final class SmtpCommand {

    private SmtpCommand() {
    }

    /** {@code RCPT}, {@code DATA}, {@code MAIL}, {@code CONNECT}, {@code HELO} or null. */
    public static String in(String text) {
        if (text == null) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("end of data") || t.contains("after data") || t.contains("in reply to data")
                || t.contains("failed after i sent the message") || t.contains("after sending message")
                || t.contains(">>> data") || t.contains("after the message")) {
            return "DATA";
        }
        if (t.contains("rcpt to") || t.contains("does not like recipient") || t.contains("after rcpt")) {
            return "RCPT";
        }
        if (t.contains("mail from") || t.contains("does not like sender")) {
            return "MAIL";
        }
        if (t.contains("initial connection") || t.contains("greeting") || t.contains("in reply to connect")) {
            return "CONNECT";
        }
        if (t.contains("helo") || t.contains("ehlo")) {
            return "HELO";
        }
        return null;
    }
}
