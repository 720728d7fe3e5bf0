package io.bounceguard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Copies the project's sample {@code conf/} into a James working directory, changing only what a
 * test must: free ports, and RemoteDelivery pointed at the loopback sink instead of MX lookups.
 * Each change must apply, so a test fails when the shipped configuration drifts.
 */
public final class ShippedConf {
    private final Path target;

    private ShippedConf(Path target) {
        this.target = target;
    }

    public static ShippedConf copyInto(Path workingDirectory) {
        Path source = projectRoot().resolve("conf");
        Path target = workingDirectory.resolve("conf");
        try (Stream<Path> files = Files.list(source)) {
            Files.createDirectories(target);
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ShippedConf(target)
            .replace("smtpserver.xml", "<bind>127.0.0.1:2525</bind>", "<bind>127.0.0.1:0</bind>")
            .replace("webadmin.properties", "port=8000", "port=0");
    }

    /** The repository root, given by the build (never guessed from the current directory). */
    public static Path projectRoot() {
        String root = System.getProperty("bounceguard.root");
        if (root == null) {
            throw new IllegalStateException("system property bounceguard.root is not set (run through Maven)");
        }
        return Path.of(root);
    }

    public ShippedConf relayTo(int sinkPort) {
        return replace("mailetcontainer.xml", "<outgoingQueue>outgoing</outgoingQueue>",
            "<outgoingQueue>outgoing</outgoingQueue><gateway>127.0.0.1</gateway><gatewayPort>" + sinkPort + "</gatewayPort>");
    }

    public ShippedConf replace(String file, String from, String to) {
        Path path = target.resolve(file);
        try {
            String content = Files.readString(path);
            if (!content.contains(from)) {
                throw new IllegalStateException(file + " no longer contains '" + from + "'");
            }
            Files.writeString(path, content.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ShippedConf write(String file, String content) {
        try {
            Files.writeString(target.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
