package io.bounceguard.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Splits an mbox file into messages at {@code From } separator lines (at the start of the file or after a blank
 * line), undoing {@code >From } quoting. Streams: holds one message at a time.
 */
final class MboxSplitter {

    private MboxSplitter() {
    }

    static void split(InputStream in, Consumer<byte[]> sink) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean previousBlank = true;
        boolean started = false;
        int b;
        while (true) {
            b = in.read();
            if (b >= 0) {
                line.write(b);
            }
            if (b == '\n' || b < 0 && line.size() > 0) {
                byte[] l = line.toByteArray();
                line.reset();
                if (previousBlank && startsWith(l, "From ")) {
                    if (started) {
                        sink.accept(message.toByteArray());
                    }
                    message.reset();
                    started = true;
                } else if (started) {
                    if (startsWith(l, ">From ")) {
                        message.write(l, 1, l.length - 1);
                    } else {
                        message.write(l);
                    }
                }
                previousBlank = l.length == 1 || l.length == 2 && l[0] == '\r';
            }
            if (b < 0) {
                break;
            }
        }
        if (started) {
            sink.accept(message.toByteArray());
        }
    }

    private static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
