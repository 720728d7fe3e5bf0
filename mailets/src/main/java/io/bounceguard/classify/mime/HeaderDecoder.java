package io.bounceguard.classify.mime;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;

/** Turns a raw mime4j field into a {@link HeaderField}: raw 8-bit bytes guessed, unfolded, encoded words decoded. */
final class HeaderDecoder {

    private HeaderDecoder() {
    }

    static HeaderField decode(Field field) {
        String name = field.getName();
        ByteSequence raw = field.getRaw();
        String value;
        if (raw == null) {
            value = field.getBody();
        } else {
            byte[] bytes = raw.toByteArray();
            String whole = TextDecoder.guess(bytes, 0, bytes.length);
            int colon = whole.indexOf(':');
            value = colon < 0 ? field.getBody() : whole.substring(colon + 1);
        }
        return new HeaderField(name, decodeWords(unfold(value)));
    }

    /** Removes folding line breaks and trims the value. */
    static String unfold(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value.trim();
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
        return out.toString().trim();
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
