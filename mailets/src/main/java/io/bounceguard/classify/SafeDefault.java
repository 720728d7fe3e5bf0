package io.bounceguard.classify;

import java.util.List;

/** The result for a message that cannot be read: not a bounce, no recipients, the error stated. */
final class SafeDefault {

    private SafeDefault() {
    }

    static Classification of(String error) {
        return new Classification(MessageKind.NOTBOUNCE, List.of(), null, null, null, null, null, error);
    }
}
