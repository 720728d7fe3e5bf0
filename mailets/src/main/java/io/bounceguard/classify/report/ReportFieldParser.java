package io.bounceguard.classify.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a {@code message/delivery-status} (or feedback or disposition) part into blocks of fields.
 * Tolerant of what real MTAs write: continuation lines without leading white space (James puts whole multi-line
 * replies in Status and Diagnostic-Code), missing blank lines between blocks (a new block starts at each
 * Final-Recipient / Original-Recipient), bare CR line ends.
 */
public final class ReportFieldParser {

    private ReportFieldParser() {
    }

    /** Per-message fields first (possibly empty), then one block per recipient. */
    public static List<ReportFields> parse(String text) {
        List<ReportFields> blocks = new ArrayList<>();
        ReportFields perMessage = new ReportFields();
        blocks.add(perMessage);
        ReportFields current = perMessage;
        boolean blankSeen = false;
        for (String line : lines(text)) {
            if (line.isBlank()) {
                blankSeen = true;
                continue;
            }
            boolean continuation = Character.isWhitespace(line.charAt(0));
            int colon = continuation ? -1 : fieldNameEnd(line);
            if (colon < 0) {
                if (!current.isEmpty()) {
                    current.appendToLast(line.strip());
                }
                continue;
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (startsRecipient(current, perMessage, name)) {
                current = new ReportFields();
                blocks.add(current);
            } else if (blankSeen && current == perMessage && !perMessage.isEmpty() && isRecipientField(name)) {
                current = new ReportFields();
                blocks.add(current);
            }
            blankSeen = false;
            current.add(name, value);
        }
        return blocks;
    }

    private static boolean startsRecipient(ReportFields current, ReportFields perMessage, String name) {
        boolean original = name.equalsIgnoreCase("Original-Recipient");
        boolean fin = name.equalsIgnoreCase("Final-Recipient");
        if (!original && !fin) {
            return false;
        }
        if (current == perMessage) {
            return true;
        }
        if (fin) {
            return current.has("Final-Recipient");
        }
        return current.has("Original-Recipient") || current.has("Action") || current.has("Status");
    }

    private static boolean isRecipientField(String name) {
        return name.equalsIgnoreCase("Action") || name.equalsIgnoreCase("Status");
    }

    /** Index of the colon ending a field name ({@code Name:}), or -1 when the line is not a field. */
    private static int fieldNameEnd(String line) {
        int len = Math.min(line.length(), 80);
        for (int i = 0; i < len; i++) {
            char c = line.charAt(i);
            if (c == ':') {
                return i > 0 ? i : -1;
            }
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_') || c > 127) {
                return -1;
            }
        }
        return -1;
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text.indexOf('\r') < 0) {
            int start = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
                lines.add(text.substring(start, nl));
                start = nl + 1;
            }
            if (start < text.length()) {
                lines.add(text.substring(start));
            }
            return lines;
        }
        int start = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < len) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
