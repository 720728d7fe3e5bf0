package io.bounceguard.classify.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Every {@code .eml} of the shared corpus ({@code -Dcorpus.dir}), read into memory once. */
final class CorpusMessages {

    private CorpusMessages() {
    }

    static byte[][] load() {
        String dir = System.getProperty("corpus.dir");
        if (dir == null) {
            throw new IllegalStateException("set -Dcorpus.dir to the shared corpus folder");
        }
        Path cases = Path.of(dir).resolve("cases");
        try (Stream<Path> files = Files.walk(cases)) {
            List<Path> emls = files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
            if (emls.isEmpty()) {
                throw new IllegalStateException("no corpus messages under " + cases);
            }
            byte[][] out = new byte[emls.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = Files.readAllBytes(emls.get(i));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
