package io.bounceguard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads sample messages in place from the shared corpus (system property {@code corpus.dir}); never copies them. */
final class Corpus {
    private Corpus() {
    }

    static byte[] message(String name) {
        String dir = System.getProperty("corpus.dir");
        if (dir == null) {
            throw new IllegalStateException("system property corpus.dir is not set (run through Maven)");
        }
        try {
            return Files.readAllBytes(Path.of(dir, "cases", name + ".eml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
