package io.bounceguard.classify;

import java.util.Locale;

/** What a message that reached the MTA is, as far as bounce handling is concerned. */
public enum MessageKind {
    DSN, NONSTANDARD, COMPLAINT, AUTOREPLY, NOTBOUNCE;

    /** The lower-case name used in JSON, the store and the corpus. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isBounce() {
        return this == DSN || this == NONSTANDARD;
    }
}
