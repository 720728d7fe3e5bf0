package io.bounceguard.store;

/** An address in the one form used as suppression key: {@code local@ascii-domain}. */
public record NormalizedAddress(String localPart, String domain) {

    /** The suppression key, {@code localPart@domain}. */
    public String key() {
        return localPart + "@" + domain;
    }

    @Override
    public String toString() {
        return key();
    }
}
