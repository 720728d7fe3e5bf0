package io.bounceguard.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns the command-line paths into messages: a regular file is one message (or an mbox with {@code --mbox}), a
 * directory is walked recursively in name order. Problems become {@link MessageInput#unreadable} entries.
 */
final class MessageSources {

    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private MessageSources() {
    }

    static void each(String path, boolean mbox, Consumer<MessageInput> sink) {
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            try (Stream<Path> files = Files.walk(p)) {
                Iterator<Path> it = files.filter(Files::isRegularFile).sorted().iterator();
                while (it.hasNext()) {
                    Path file = it.next();
                    read(p.resolve(p.relativize(file)).toString(), file, mbox, sink);
                }
            } catch (IOException | RuntimeException e) {
                sink.accept(MessageInput.unreadable(path, "cannot walk directory: " + e.getMessage()));
            }
        } else {
            read(path, p, mbox, sink);
        }
    }

    private static void read(String name, Path file, boolean mbox, Consumer<MessageInput> sink) {
        if (!Files.isRegularFile(file)) {
            sink.accept(MessageInput.unreadable(name, "no such file"));
            return;
        }
        try {
            if (mbox) {
                int[] n = {0};
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    MboxSplitter.split(in, bytes -> sink.accept(MessageInput.of(name + "#" + ++n[0], bytes)));
                }
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                sink.accept(MessageInput.of(name, in.readNBytes(MAX_MESSAGE_BYTES)));
            }
        } catch (IOException | RuntimeException e) {
            sink.accept(MessageInput.unreadable(name, "cannot read: " + e.getMessage()));
        }
    }
}
