package io.bounceguard.classify.report;

import io.bounceguard.classify.mime.MailMessage;
import io.bounceguard.classify.mime.MimePart;

/**
 * Finds delivery-status fields in a report whose MIME structure could not be followed (a multipart/report without
 * a boundary parameter): the text from the first report field line up to the next delimiter line.
 */
public final class EmbeddedReport {

    private static final String[] FIRST_FIELDS = {"Reporting-MTA:", "Final-Recipient:", "Original-Recipient:"};

    private EmbeddedReport() {
    }

    /** The report text, or null when no part carries report fields. */
    public static String find(MailMessage message) {
        for (MimePart part : message.parts()) {
            if (!part.enclosedHeaders().isEmpty()) {
                continue;
            }
            String text = part.text();
            int start = firstFieldLine(text);
            if (start < 0) {
                continue;
            }
            int end = text.indexOf("\n--", start);
            return end < 0 ? text.substring(start) : text.substring(start, end + 1);
        }
        return null;
    }

    private static int firstFieldLine(String text) {
        int best = -1;
        for (String field : FIRST_FIELDS) {
            int at = text.indexOf(field);
            while (at > 0 && text.charAt(at - 1) != '\n') {
                at = text.indexOf(field, at + 1);
            }
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }
}
