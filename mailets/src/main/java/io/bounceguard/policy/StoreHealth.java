package io.bounceguard.policy;

/**
 * Figures for James metrics: snapshot size and heap, whether the database is unreachable, events waiting in
 * the local spool, events stored, write failures (batches that had to be spooled) and events that could be
 * neither stored nor spooled.
 */
public record StoreHealth(int snapshotSize, long snapshotBytes, boolean databaseDown, long spooledEvents,
        long eventsStored, long writeFailures, long lostEvents) {
}
