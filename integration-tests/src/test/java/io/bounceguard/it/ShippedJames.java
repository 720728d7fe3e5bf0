package io.bounceguard.it;

import java.io.File;
import java.util.function.Consumer;

import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;

/** A real James 3.8.1 memory server, one per test class, whose working directory a test prepares. */
public final class ShippedJames {
    private ShippedJames() {
    }

    /** {@code prepare} gets the fresh working directory before James starts (typically copies the shipped conf/). */
    public static JamesServerExtension perClass(Consumer<File> prepare) {
        return new JamesServerBuilder<MemoryJamesConfiguration>(tmpDir -> {
            prepare.accept(tmpDir);
            return MemoryJamesConfiguration.builder().workingDirectory(tmpDir).build();
        })
            .server(MemoryJamesServerMain::createServer)
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }
}
