package io.bounceguard.classify.mime;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteArrayBuffer;

/**
 * Splits the header section at the start of some bytes into fields the way mime4j's lenient parser does (a line
 * starting with a space or tab continues the field, an empty line or the end of the bytes ends the section,
 * lines without a valid {@code name:} are skipped), without building a parser, its buffers and every field's
 * strings. Used for a message's top-level header and the bounded enclosed-message header; mime4j then walks the
 * body from where the header ends.
 */
final class HeaderSection {

    private HeaderSection() {
    }

    /**
     * A message's header section read from its start.
     *
     * @param headers   the fields kept
     * @param bodyStart index of the first body byte (past the empty line), or the length when there is no body
     * @param truncated true when more than the allowed number of fields was present; the rest were skipped
     */
    record Section(Headers headers, int bodyStart, boolean truncated) {
    }

    /** The fields of the header section in {@code bytes[0, length)}, at most {@code maxFields} raw fields read. */
    static Headers read(byte[] bytes, int length, int maxFields) {
        return scan(bytes, length, maxFields, false).headers();
    }

    /**
     * The top-level header of a whole message and where its body starts; fields past {@code maxFields} are
     * skipped, not read.
     */
    static Section readTop(byte[] bytes, int length, int maxFields) {
        return scan(bytes, length, maxFields, true);
    }

    private static Section scan(byte[] bytes, int length, int maxFields, boolean findBody) {
        List<HeaderField> fields = new ArrayList<>();
        int start = 0;
        int read = 0;
        while (start < length && (read < maxFields || findBody)) {
            int end = lineEnd(bytes, start, length);
            if (contentLength(bytes, start, end) == 0) {
                return new Section(new Headers(fields), end, read > maxFields);
            }
            int next = end;
            while (next < length && (bytes[next] == ' ' || bytes[next] == '\t')) {
                next = lineEnd(bytes, next, length);
            }
            read++;
            if (read <= maxFields) {
                HeaderField field = field(bytes, start, next);
                if (field != null) {
                    fields.add(field);
                }
            }
            start = next;
        }
        return new Section(new Headers(fields), start, read > maxFields);
    }

    /** Index just past the line's LF, or {@code length}. */
    private static int lineEnd(byte[] bytes, int from, int length) {
        for (int i = from; i < length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return length;
    }

    /** Length of the line without one trailing LF and then one CR. */
    private static int contentLength(byte[] bytes, int start, int end) {
        int len = end - start;
        if (len > 0 && bytes[start + len - 1] == '\n') {
            len--;
        }
        if (len > 0 && bytes[start + len - 1] == '\r') {
            len--;
        }
        return len;
    }

    private static HeaderField field(byte[] bytes, int start, int end) {
        int len = contentLength(bytes, start, end);
        byte[] raw = new byte[len];
        System.arraycopy(bytes, start, raw, 0, len);
        int colon = -1;
        for (int i = 0; i < len; i++) {
            if (raw[i] == ':') {
                colon = i;
                break;
            }
            if (raw[i] == '(') {
                return parsedByMime4j(raw);
            }
        }
        if (colon < 0) {
            return null;
        }
        int from = 0;
        int to = colon;
        while (from < to && isWhitespace(raw[from])) {
            from++;
        }
        while (to > from && isWhitespace(raw[to - 1])) {
            to--;
        }
        char[] name = new char[to - from];
        int key = name.length;
        for (int i = from; i < to; i++) {
            int c = raw[i] & 0xFF;
            if (c < 33 || c == ':' || c > 126) {
                return null;
            }
            name[i - from] = (char) c;
            key = HeaderField.nextKey(key, c);
        }
        return HeaderField.ofRaw(new String(name), key, raw);
    }

    /** A name with a comment, as mime4j reads it (comments dropped), or null when mime4j rejects the field. */
    private static HeaderField parsedByMime4j(byte[] raw) {
        try {
            RawField field = RawFieldParser.DEFAULT.parseField(new ByteArrayBuffer(raw, raw.length, false));
            String name = field.getName();
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < 33 || c == ':' || c > 126) {
                    return null;
                }
            }
            return HeaderField.ofRaw(name, raw);
        } catch (MimeException e) {
            return null;
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
