package io.bounceguard.policy;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.SqlDialect;
import io.bounceguard.store.StoreException;
import io.bounceguard.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store, the policy and the relay lookup wired together: the one object the Guice module creates and
 * shares. Opening it migrates the schema, replays the local spool and loads the lookup snapshot; background
 * tasks keep the snapshot current (persisting it locally at a bounded rate) and replay the spool after an
 * outage. When the database is down at start it opens degraded (see {@link #open(StoreSettings)}).
 */
public final class SuppressionSystem implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuppressionSystem.class);

    private final BounceStore store;
    private final SuppressionPolicy policy;
    private final SuppressionSnapshot snapshot;
    private final SuppressionList suppressionList;
    private final EventRecorder recorder;
    private final PolicyWriter writer;
    private final SuppressionAdmin admin;
    private final ScheduledExecutorService background;
    private final PostgresChangeListener listener;
    /** The persisted snapshot, read at a start while the database is down. */
    static final String SNAPSHOT_FILE = "suppression-snapshot.bin";
    private final Path snapshotFile;
    private final long persistIntervalNanos;
    private volatile long lastPersistNanos;
    private volatile boolean ready;
    private volatile ScheduledFuture<?> connecting;

    private SuppressionSystem(BounceStore store, PolicySettings policySettings, Clock clock, boolean migrated) {
        this.store = store;
        this.policy = new SuppressionPolicy(policySettings);
        this.snapshot = new SuppressionSnapshot(clock);
        this.suppressionList = new SuppressionList(snapshot, store.normalizer());
        StoreSettings settings = store.settings();
        this.snapshotFile = settings.spoolDirectory().resolve(SNAPSHOT_FILE);
        this.persistIntervalNanos = settings.snapshotPersistInterval().toNanos();
        EventSpool spool = new EventSpool(settings.spoolDirectory());
        this.writer = new PolicyWriter(store, policy, clock);
        this.recorder = new EventRecorder(writer, spool, this::refreshQuietly, settings.writeMaxBatch(),
                settings.writeBulkBatch(), settings.writeTimeout());
        this.admin = new SuppressionAdmin(store, policy, writer, this::refreshQuietly, clock);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bounce-guard-store");
            thread.setDaemon(true);
            return thread;
        });
        long retryMillis = settings.spoolRetryInterval().toMillis();
        if (migrated) {
            try {
                recorder.replaySpool();
                snapshot.load(store);
            } catch (SQLException | RuntimeException e) {
                recorder.close();
                background.shutdownNow();
                throw new StoreException("cannot start the suppression system: " + e.getMessage(), e);
            }
            ready = true;
            persistSnapshot();
        } else {
            recorder.markDatabaseDown();
            restorePersistedSnapshot();
            connecting = background.scheduleWithFixedDelay(this::connect, retryMillis, retryMillis, TimeUnit.MILLISECONDS);
        }
        long refreshMillis = settings.snapshotRefreshInterval().toMillis();
        background.scheduleWithFixedDelay(this::refreshQuietly, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(() -> {
            if (ready) {
                recorder.replaySpool();
            }
        }, retryMillis, retryMillis, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(snapshot::purgeExpired, 1, 1, TimeUnit.HOURS);
        this.listener = settings.dialect() == SqlDialect.POSTGRESQL && settings.snapshotListen()
                ? new PostgresChangeListener(settings, this::refreshQuietly) : null;
    }

    /**
     * Opens the store and starts the policy. When the database cannot be reached the system still opens,
     * degraded: lookups answer from the snapshot persisted at the last run (empty if none), events go to the
     * spool, health reports the database down, and a background task keeps trying to connect, migrate,
     * replay the spool and load the snapshot. Throws {@link StoreException} only for errors other than an
     * unreachable database (e.g. a failing spool replay or snapshot load once connected).
     */
    public static SuppressionSystem open(StoreSettings s) {
        return open(s, Clock.systemUTC());
    }

    /** As {@link #open(StoreSettings)}, with a clock for expiry decisions (tests). */
    public static SuppressionSystem open(StoreSettings s, Clock clock) {
        PolicySettings policySettings = PolicySettings.from(s);
        BounceStore store = BounceStore.openDeferred(s);
        boolean migrated;
        try {
            store.migrate();
            migrated = true;
        } catch (StoreException e) {
            LOGGER.error("Bounce store unreachable at start ({}); starting degraded: lookups from the last persisted"
                    + " snapshot, events spooled, reconnecting in the background", e.getMessage());
            migrated = false;
        }
        try {
            return new SuppressionSystem(store, policySettings, clock, migrated);
        } catch (RuntimeException e) {
            store.close();
            throw e instanceof StoreException ? e : new StoreException("cannot start the suppression system: " + e.getMessage(), e);
        }
    }

    /** One attempt, while degraded, to migrate, replay the spool and load the snapshot. */
    private void connect() {
        try {
            store.migrate();
            recorder.replaySpool();
            snapshot.load(store);
            ready = true;
            LOGGER.info("Bounce store reachable; spool replayed and suppression snapshot loaded ({} entries)", snapshot.size());
            persistSnapshot();
            if (connecting != null) {
                connecting.cancel(false);
            }
        } catch (SQLException | RuntimeException e) {
            LOGGER.debug("Bounce store still unreachable: {}", e.toString());
        }
    }

    private void restorePersistedSnapshot() {
        try {
            Instant written = snapshot.restoreFrom(snapshotFile);
            if (written == null) {
                LOGGER.warn("No persisted suppression snapshot at {}: lookups answer 'not suppressed' until the database returns",
                        snapshotFile);
            } else {
                LOGGER.warn("Lookups answer from the suppression snapshot persisted at {} ({} entries) until the database returns",
                        written, snapshot.size());
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot read the persisted suppression snapshot {}: {}", snapshotFile, e.toString());
        }
    }

    /** Writes the snapshot to the spool directory, at most once per persist interval (always when forced). */
    private synchronized void persistSnapshot() {
        if (persistIntervalNanos <= 0) {
            return;
        }
        lastPersistNanos = System.nanoTime();
        try {
            snapshot.persistTo(snapshotFile);
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot persist the suppression snapshot to {}: {}", snapshotFile, e.toString());
        }
    }

    private void refreshQuietly() {
        if (!ready) {
            return;
        }
        try {
            snapshot.refresh(store);
        } catch (SQLException | RuntimeException e) {
            LOGGER.debug("Suppression snapshot refresh failed, keeping the last one: {}", e.toString());
            return;
        }
        if (persistIntervalNanos > 0 && System.nanoTime() - lastPersistNanos >= persistIntervalNanos) {
            persistSnapshot();
        }
    }

    /** False while started degraded and the database has not been reached yet. */
    public boolean ready() {
        return ready;
    }

    public BounceStore store() {
        return store;
    }

    public EventRecorder recorder() {
        return recorder;
    }

    public SuppressionList suppressionList() {
        return suppressionList;
    }

    /** Operations for the ops layer: explain, add, remove, import. */
    public SuppressionAdmin admin() {
        return admin;
    }

    public SuppressionPolicy policy() {
        return policy;
    }

    /** Health figures for James metrics. */
    public StoreHealth health() {
        return new StoreHealth(snapshot.size(), snapshot.memoryBytes(), !ready || recorder.databaseDown(), recorder.spooledEvents(),
                recorder.storedEvents(), recorder.writeFailures(), recorder.lostEvents(), recorder.rejectedEvents(),
                writer.addressesRefolded());
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        background.shutdownNow();
        recorder.close();
        if (ready) {
            persistSnapshot();
        }
        store.close();
    }
}
