package io.bounceguard.store;

/** What put an address on a suppression list. */
public enum SuppressionOrigin {
    BOUNCE, COMPLAINT, MANUAL, IMPORT
}
