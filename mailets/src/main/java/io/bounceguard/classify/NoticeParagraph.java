package io.bounceguard.classify;

/** The paragraph of a report's human-readable part that speaks about one recipient. */
final class NoticeParagraph {

    private NoticeParagraph() {
    }

    /** The blank-line-delimited paragraph of {@code text} (lower-cased as {@code lower}) that names the address. */
    static String about(String text, String lower, String address) {
        if (text == null || address == null || address.isEmpty() || lower.length() != text.length()) {
            return null;
        }
        int at = lower.indexOf(address);
        if (at < 0) {
            return null;
        }
        int start = paragraphStart(text, at);
        int end = paragraphEnd(text, at);
        return text.substring(start, end).strip();
    }

    private static int paragraphStart(String text, int at) {
        int i = at;
        while (i > 0) {
            int lineStart = text.lastIndexOf('\n', i - 1);
            if (lineStart < 0) {
                return 0;
            }
            int prev = text.lastIndexOf('\n', lineStart - 1);
            if (text.substring(prev + 1, lineStart).isBlank()) {
                return lineStart + 1;
            }
            i = lineStart;
        }
        return 0;
    }

    private static int paragraphEnd(String text, int at) {
        int i = at;
        while (true) {
            int lineEnd = text.indexOf('\n', i);
            if (lineEnd < 0) {
                return text.length();
            }
            int next = text.indexOf('\n', lineEnd + 1);
            String line = next < 0 ? text.substring(lineEnd + 1) : text.substring(lineEnd + 1, next);
            if (line.isBlank() || next < 0) {
                return next < 0 ? text.length() : lineEnd;
            }
            i = lineEnd + 1;
        }
    }
}
