package io.bounceguard.policy;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.SqlDialect;
import io.bounceguard.store.StoreException;
import io.bounceguard.store.StoreSettings;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store, the policy and the relay lookup wired together: the one object the Guice module creates and
 * shares. Opening it migrates the schema, replays the local spool and loads the lookup snapshot; background
 * tasks keep the snapshot current and replay the spool after an outage.
 */
public final class SuppressionSystem implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuppressionSystem.class);

    private final BounceStore store;
    private final SuppressionPolicy policy;
    private final SuppressionSnapshot snapshot;
    private final SuppressionList suppressionList;
    private final EventRecorder recorder;
    private final SuppressionAdmin admin;
    private final ScheduledExecutorService background;
    private final PostgresChangeListener listener;

    private SuppressionSystem(BounceStore store, PolicySettings policySettings, Clock clock) throws SQLException {
        this.store = store;
        this.policy = new SuppressionPolicy(policySettings);
        this.snapshot = new SuppressionSnapshot(clock);
        this.suppressionList = new SuppressionList(snapshot, store.normalizer());
        StoreSettings settings = store.settings();
        EventSpool spool = new EventSpool(settings.spoolDirectory());
        PolicyWriter writer = new PolicyWriter(store, policy, clock);
        this.recorder = new EventRecorder(writer, spool, this::refreshQuietly, settings.writeMaxBatch(),
                settings.writeTimeout());
        this.admin = new SuppressionAdmin(store, policy, writer, this::refreshQuietly, clock);
        recorder.replaySpool();
        snapshot.load(store);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bounce-guard-store");
            thread.setDaemon(true);
            return thread;
        });
        long refreshMillis = settings.snapshotRefreshInterval().toMillis();
        background.scheduleWithFixedDelay(this::refreshQuietly, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        long retryMillis = settings.spoolRetryInterval().toMillis();
        background.scheduleWithFixedDelay(recorder::replaySpool, retryMillis, retryMillis, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(snapshot::purgeExpired, 1, 1, TimeUnit.HOURS);
        this.listener = settings.dialect() == SqlDialect.POSTGRESQL && settings.snapshotListen()
                ? new PostgresChangeListener(settings, this::refreshQuietly) : null;
    }

    /** Opens the store and starts the policy; throws {@link StoreException} when the database cannot be opened. */
    public static SuppressionSystem open(StoreSettings s) {
        return open(s, Clock.systemUTC());
    }

    /** As {@link #open(StoreSettings)}, with a clock for expiry decisions (tests). */
    public static SuppressionSystem open(StoreSettings s, Clock clock) {
        PolicySettings policySettings = PolicySettings.from(s);
        BounceStore store = BounceStore.open(s);
        try {
            return new SuppressionSystem(store, policySettings, clock);
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw new StoreException("cannot start the suppression system: " + e.getMessage(), e);
        }
    }

    private void refreshQuietly() {
        try {
            snapshot.refresh(store);
        } catch (SQLException | RuntimeException e) {
            LOGGER.debug("Suppression snapshot refresh failed, keeping the last one: {}", e.toString());
        }
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
        return new StoreHealth(snapshot.size(), snapshot.memoryBytes(), recorder.databaseDown(), recorder.spooledEvents(),
                recorder.storedEvents(), recorder.writeFailures(), recorder.lostEvents(), recorder.rejectedEvents());
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        background.shutdownNow();
        recorder.close();
        store.close();
    }
}
