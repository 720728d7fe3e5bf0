package io.bounceguard.classify.mime;

import java.util.Arrays;

import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.stream.FieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.RecycledByteArrayBuffer;

/**
 * A mime4j {@link FieldBuilder} that keeps each header field's raw bytes for lazy decoding instead of parsing it
 * into strings. Only the fields the MIME structure depends on ({@code Content-Type},
 * {@code Content-Transfer-Encoding}) get their value decoded at once; a line that is not a field (no colon, an
 * illegal name) is skipped without the exception mime4j's own builder throws for it.
 */
final class RawFieldCollector implements FieldBuilder {

    private final int maxLength;
    private byte[] buffer = new byte[512];
    private int length;
    private byte[] lastRaw;

    RawFieldCollector(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    public void reset() {
        length = 0;
    }

    @Override
    public void append(ByteArrayBuffer line) throws MaxHeaderLengthLimitException {
        if (line == null) {
            return;
        }
        int add = line.length();
        if (maxLength > 0 && length + add >= maxLength) {
            throw new MaxHeaderLengthLimitException("Maximum header length limit (" + maxLength + ") exceeded");
        }
        if (length + add > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + add));
        }
        System.arraycopy(line.buffer(), 0, buffer, length, add);
        length += add;
    }

    /** The field, or null for a line that is not one (mime4j then skips it). */
    @Override
    public RawField build() {
        int end = length;
        if (end > 0 && buffer[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && buffer[end - 1] == '\r') {
            end--;
        }
        int colon = 0;
        while (colon < end && buffer[colon] != ':') {
            colon++;
        }
        int nameStart = 0;
        while (nameStart < colon && isBlank(buffer[nameStart])) {
            nameStart++;
        }
        int nameEnd = colon;
        while (nameEnd > nameStart && isBlank(buffer[nameEnd - 1])) {
            nameEnd--;
        }
        if (colon == end || nameEnd == nameStart || !isFieldName(nameStart, nameEnd)) {
            lastRaw = null;
            return null;
        }
        lastRaw = Arrays.copyOf(buffer, end);
        String name = new String(buffer, nameStart, nameEnd - nameStart, java.nio.charset.StandardCharsets.ISO_8859_1);
        return new RawField(name, structural(name) ? HeaderDecoder.value(lastRaw) : null);
    }

    /** The raw bytes (name, colon and value) of the field {@link #build()} returned last. */
    byte[] lastRaw() {
        return lastRaw;
    }

    @Override
    public RecycledByteArrayBuffer getRaw() {
        return null;
    }

    @Override
    public void release() {
        buffer = new byte[0];
        length = 0;
    }

    private static boolean structural(String name) {
        int length = name.length();
        return (length == 12 || length == 25) && (name.charAt(0) | 0x20) == 'c' && (length == 12
                ? name.equalsIgnoreCase("Content-Type") : name.equalsIgnoreCase("Content-Transfer-Encoding"));
    }

    /** RFC 5322 field-name characters: printable US-ASCII except the colon. */
    private boolean isFieldName(int from, int to) {
        for (int i = from; i < to; i++) {
            int b = buffer[i] & 0xff;
            if (b < 0x21 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
