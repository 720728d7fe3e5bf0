package io.bounceguard.mailet;

import java.util.Locale;

/** Small helpers on textual mail addresses. */
final class Addresses {
    private Addresses() {
    }

    /** The lower-cased domain of an address, or null when there is none. */
    static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return null;
        }
        return address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
