package io.bounceguard.classify;

import java.util.Locale;

/** Whether a failure is permanent for the address (hard), temporary (soft), unknown, or no failure at all. */
public enum BounceType {
    HARD, SOFT, UNDETERMINED, NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BounceType fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
