package io.bounceguard.store;

/** The status of an address in one scope. */
public enum AddressState {
    ACTIVE, SUPPRESSED, EXPIRED
}
