package io.bounceguard.policy;

/**
 * Figures for James metrics: snapshot size and heap, whether the database is unreachable, events waiting in
 * the local spool, events stored, write failures (batches that had to be spooled), events that could be
 * neither stored nor spooled (should stay 0), events the database refused while up (kept in the spool
 * directory's {@code rejected-*} files for ops), and addresses whose whole history was folded again because an
 * event came late or the settings changed (see {@link PolicyWriter#addressesRefolded}).
 */
public record StoreHealth(int snapshotSize, long snapshotBytes, boolean databaseDown, long spooledEvents,
        long eventsStored, long writeFailures, long lostEvents, long rejectedEvents, long addressesRefolded) {
}
