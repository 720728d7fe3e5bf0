package io.bounceguard.webadmin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * A writer to bytes in a charset that replaces each character the charset cannot hold by {@code ?} and counts
 * the replacements (a surrogate pair counts once).
 */
public final class ReplacingWriter extends Writer {
    private final Writer out;
    private final CharsetEncoder encoder;
    private final boolean unicode;
    private long replaced;
    private boolean afterLoneHigh;

    public ReplacingWriter(OutputStream stream, Charset charset) {
        this.out = new OutputStreamWriter(stream, charset.newEncoder());
        this.encoder = charset.newEncoder();
        this.unicode = charset.name().startsWith("UTF");
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        if (unicode) {
            out.write(buffer, offset, length);
            return;
        }
        int end = offset + length;
        int start = offset;
        if (afterLoneHigh && length > 0 && Character.isLowSurrogate(buffer[offset])) {
            start++;
        }
        afterLoneHigh = false;
        for (int i = start; i < end; i++) {
            char c = buffer[i];
            if (c < 0x80) {
                out.write(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(buffer[i + 1])) {
                i++;
                replace();
            } else if (Character.isHighSurrogate(c) && i + 1 == end) {
                afterLoneHigh = true;
                replace();
            } else if (Character.isSurrogate(c) || !encoder.canEncode(c)) {
                replace();
            } else {
                out.write(c);
            }
        }
    }

    private void replace() throws IOException {
        replaced++;
        out.write('?');
    }

    /** How many characters were replaced so far. */
    public long replaced() {
        return replaced;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
