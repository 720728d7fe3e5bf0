package io.bounceguard.classify.realmail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fetches bounce samples that other projects publish, at test time, into {@code target/real-mail} (they are never
 * committed): Mailman's flufl.bounce test data from the Debian package {@code python3-flufl.bounce}, and the
 * samples of the npm package {@code baunsu}. Returns null when a tool or the network is missing.
 */
final class ThirdPartySamples {

    static final Path ROOT = Path.of("target", "real-mail");

    private ThirdPartySamples() {
    }

    /** The flufl.bounce package root (holding {@code tests/data} and {@code testing/helpers.py}), or null. */
    static Path flufl() {
        Path dir = ROOT.resolve("flufl");
        Path pkg = dir.resolve("x/usr/lib/python3/dist-packages/flufl/bounce");
        if (Files.isDirectory(pkg.resolve("tests/data"))) {
            return pkg;
        }
        try {
            Files.createDirectories(dir);
            if (!run(dir, "apt-get", "download", "python3-flufl.bounce")) {
                return null;
            }
            Path deb;
            try (Stream<Path> files = Files.list(dir)) {
                deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElse(null);
            }
            if (deb == null || !run(dir, "dpkg-deb", "-x", deb.getFileName().toString(), "x")) {
                return null;
            }
            return Files.isDirectory(pkg.resolve("tests/data")) ? pkg : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The baunsu sample folder, or null. */
    static Path baunsu() {
        Path dir = ROOT.resolve("baunsu");
        Path emails = dir.resolve("package/tests/emails");
        if (Files.isDirectory(emails)) {
            return emails;
        }
        try {
            Files.createDirectories(dir);
            if (!run(dir, "npm", "pack", "baunsu@0.2.3", "--silent")
                    || !run(dir, "tar", "xzf", "baunsu-0.2.3.tgz")) {
                return null;
            }
            return Files.isDirectory(emails) ? emails : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
