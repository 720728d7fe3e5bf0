package io.bounceguard.store;

/** Scope names as stored: the empty string is the global list, anything else a sender domain. */
public final class Scopes {
    /** The stored name of the global list. */
    public static final String GLOBAL = "";

    private Scopes() {
    }

    /** The stored scope for an API scope, where null means global. */
    public static String stored(String scope) {
        return scope == null ? GLOBAL : scope;
    }

    /** The API scope for a stored one: null for global. */
    public static String api(String stored) {
        return stored == null || stored.isEmpty() ? null : stored;
    }
}
