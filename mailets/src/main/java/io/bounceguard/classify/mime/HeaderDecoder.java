package io.bounceguard.classify.mime;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** Decodes a raw header field value: 8-bit bytes guessed, unfolded, encoded words decoded. */
final class HeaderDecoder {

    private HeaderDecoder() {
    }

    /** The decoded value of a whole raw field ({@code Name: value}). */
    static String value(byte[] raw) {
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        int start = Math.min(colon + 1, raw.length);
        String text = TextDecoder.guess(raw, start, raw.length - start);
        return decodeWords(unfold(text));
    }

    /** Removes folding line breaks and trims the value. */
    static String unfold(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value.strip();
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                while (i + 1 < value.length() && Character.isWhitespace(value.charAt(i + 1))) {
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    static String decodeWords(String value) {
        if (value.indexOf("=?") < 0) {
            return value;
        }
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }
}
