package io.bounceguard.classify.mime;

import java.util.Arrays;

/**
 * Repairs the raw-byte damage a MIME parser cannot cope with before parsing: cuts at the read limit,
 * drops a leading mbox "From " separator line and turns bare-CR line ends into LF.
 */
final class RawCleanup {

    private RawCleanup() {
    }

    static byte[] clean(byte[] raw, int maxBytes) {
        int length = Math.min(raw.length, maxBytes);
        int start = mboxSeparatorEnd(raw, length);
        byte[] bytes = (start == 0 && length == raw.length) ? raw : Arrays.copyOfRange(raw, start, length);
        return hasOnlyBareCr(bytes) ? crToLf(bytes) : bytes;
    }

    private static int mboxSeparatorEnd(byte[] raw, int length) {
        if (length < 5 || raw[0] != 'F' || raw[1] != 'r' || raw[2] != 'o' || raw[3] != 'm' || raw[4] != ' ') {
            return 0;
        }
        for (int i = 5; i < length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /** True when the message uses CR line ends and has no LF at all in its first lines. */
    private static boolean hasOnlyBareCr(byte[] bytes) {
        int probe = Math.min(bytes.length, 8192);
        boolean cr = false;
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == '\n') {
                return false;
            }
            if (bytes[i] == '\r') {
                cr = true;
            }
        }
        return cr;
    }

    private static byte[] crToLf(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\r') {
                out[i] = '\n';
            }
        }
        return out;
    }
}
