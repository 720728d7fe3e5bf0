package io.bounceguard.classify.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One corpus case: the message file and its expected classification, read in place from the shared corpus. */
public record CorpusCase(String name, Path eml, JsonNode expected) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The corpus folder from the {@code corpus.dir} system property; fails when it is missing. */
    public static Path corpusDir() {
        String dir = System.getProperty("corpus.dir");
        if (dir == null || dir.isBlank()) {
            throw new AssertionError("system property corpus.dir is not set (the parent pom's surefire config sets it)");
        }
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("cases"))) {
            throw new AssertionError("the bounce corpus is missing: no folder " + path.resolve("cases"));
        }
        return path;
    }

    /** Every case under {@code cases/}, sorted by name. */
    public static List<CorpusCase> all() {
        Path cases = corpusDir().resolve("cases");
        List<CorpusCase> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cases)) {
            for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                String base = eml.getFileName().toString();
                base = base.substring(0, base.length() - 4);
                Path json = eml.resolveSibling(base + ".expected.json");
                String name = cases.relativize(eml.getParent()) + "/" + base;
                out.add(new CorpusCase(name, eml, JSON.readTree(json.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new AssertionError("the bounce corpus has no cases under " + cases);
        }
        return out;
    }

    public byte[] bytes() {
        try {
            return Files.readAllBytes(eml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String family() {
        return name.substring(0, name.indexOf('/'));
    }
}
