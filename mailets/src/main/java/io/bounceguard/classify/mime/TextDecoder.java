package io.bounceguard.classify.mime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns bytes into text: the declared charset when it exists and fits the bytes, else a guess among
 * UTF-8, ISO-2022-JP, EUC-JP and Shift_JIS (windows-31j), else Latin-1. Never throws.
 */
public final class TextDecoder {

    private static final int MAX_CACHED_NAMES = 256;
    private static final Map<String, Optional<Charset>> KNOWN = new ConcurrentHashMap<>();
    private static final Charset ISO_2022_JP = lookup("ISO-2022-JP");
    private static final Charset EUC_JP = lookup("EUC-JP");
    private static final Charset WINDOWS_31J = lookup("windows-31j");

    private TextDecoder() {
    }

    /** Decodes {@code length} bytes from {@code offset}, trusting {@code declared} only when it fits. */
    public static String decode(byte[] bytes, int offset, int length, String declared) {
        if (isPlainAscii(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        Charset charset = resolve(declared);
        if (charset != null && !isAsciiFamily(charset)) {
            String text = charset.equals(StandardCharsets.UTF_8) ? utf8(bytes, offset, length)
                    : strict(bytes, offset, length, charset);
            if (text != null) {
                return text;
            }
        }
        return guess(bytes, offset, length);
    }

    public static String decode(byte[] bytes, String declared) {
        return decode(bytes, 0, bytes.length, declared);
    }

    /** Guesses the charset of bytes that carry no usable declaration. */
    public static String guess(byte[] bytes, int offset, int length) {
        if (isPlainAscii(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (hasEscape(bytes, offset, length) && ISO_2022_JP != null) {
            String text = strict(bytes, offset, length, ISO_2022_JP);
            if (text != null) {
                return text;
            }
        }
        String text = utf8(bytes, offset, length);
        if (text == null && EUC_JP != null && !hasC1Bytes(bytes, offset, length)) {
            text = strict(bytes, offset, length, EUC_JP);
        }
        if (text == null && WINDOWS_31J != null) {
            text = strict(bytes, offset, length, WINDOWS_31J);
        }
        return text != null ? text : new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    static Charset resolve(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String name = declared.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "shift_jis": case "shift-jis": case "sjis": case "x-sjis": case "ms932": case "cp932":
                return WINDOWS_31J;
            case "iso-2022-jp": case "iso-2022-jp-1": case "iso-2022-jp-2": case "iso-2022-jp-3":
                return ISO_2022_JP;
            default:
                return lookup(name);
        }
    }

    private static boolean isAsciiFamily(Charset charset) {
        return charset.equals(StandardCharsets.US_ASCII);
    }

    /**
     * Looks a charset up once per name: the JDK does not cache failed lookups, and an unknown name costs a walk
     * over every charset provider. The cache is bounded; names past the bound are looked up each time.
     */
    private static Charset lookup(String name) {
        Optional<Charset> cached = KNOWN.get(name);
        if (cached != null) {
            return cached.orElse(null);
        }
        Optional<Charset> found;
        try {
            found = Optional.of(Charset.forName(name));
        } catch (RuntimeException e) {
            found = Optional.empty();
        }
        if (KNOWN.size() < MAX_CACHED_NAMES && name.length() <= 40) {
            KNOWN.put(name, found);
        }
        return found.orElse(null);
    }

    /**
     * The bytes decoded in {@code charset}, or null when they are malformed or unmappable in it. Runs the decoder
     * loop of {@code CharsetDecoder.decode(ByteBuffer)} but reports a failed guess by its result rather than by an
     * exception, since failing is the common outcome of guessing.
     */
    private static String strict(byte[] bytes, int offset, int length, Charset charset) {
        try {
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
            int n = (int) (length * decoder.averageCharsPerByte());
            CharBuffer out = CharBuffer.allocate(n);
            while (true) {
                CoderResult result = in.hasRemaining() ? decoder.decode(in, out, true) : CoderResult.UNDERFLOW;
                if (result.isUnderflow()) {
                    result = decoder.flush(out);
                }
                if (result.isUnderflow()) {
                    break;
                }
                if (!result.isOverflow()) {
                    return null;
                }
                n = 2 * n + 1;
                out = CharBuffer.allocate(n).put(out.flip());
            }
            return out.flip().toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Strict UTF-8 through the JDK's fast path: a replacement character that the bytes did not spell out means
     *  malformed input. */
    private static String utf8(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        return strict(bytes, offset, length, StandardCharsets.UTF_8);
    }

    private static boolean isPlainAscii(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0 || bytes[i] == 0x1B) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasEscape(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length - 1; i < end; i++) {
            if (bytes[i] == 0x1B && (bytes[i + 1] == '$' || bytes[i + 1] == '(')) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasC1Bytes(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x80 && b <= 0x9F && b != 0x8E && b != 0x8F) {
                return true;
            }
        }
        return false;
    }
}
