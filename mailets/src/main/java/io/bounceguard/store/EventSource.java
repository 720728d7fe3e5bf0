package io.bounceguard.store;

/** Where an event in the log came from. */
public enum EventSource {
    INBOUND_DSN, NONSTANDARD_BOUNCE, REMOTE_DELIVERY, COMPLAINT, AUTOREPLY, SUPPRESSED_AT_RELAY, DELIVERED, MANUAL, IMPORT
}
