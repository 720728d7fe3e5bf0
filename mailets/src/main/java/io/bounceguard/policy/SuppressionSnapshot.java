package io.bounceguard.policy;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.SuppressionChange;
import io.bounceguard.store.SuppressionTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory copy of every suppression in force, as 64-bit hashes of (scope, address key) with their
 * expiry. Loaded once from {@code bg_suppression}, then kept current by reading the change feed from a
 * watermark. Sequence numbers can commit out of order on PostgreSQL, so a gap in the feed holds the
 * watermark back (its later changes are re-read and re-applied in order) until the gap is older than
 * {@link #GAP_TIMEOUT}, after which it is taken as a rolled-back transaction.
 */
public final class SuppressionSnapshot {
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(30);
    private static final int REPLAY_ON_LOAD = 1_000;
    private static final int CHANGES_PER_READ = 50_000;

    private final Clock clock;
    private final Map<Long, Instant> gapsFirstSeen = new HashMap<>();
    private volatile LongExpirySet set = new LongExpirySet(16);
    private long watermark;

    public SuppressionSnapshot(Clock clock) {
        this.clock = clock;
    }

    /** True when the key is suppressed in the stored scope now. */
    public boolean contains(String storedScope, String addressKey) {
        return set.contains(AddressHash.of(storedScope, addressKey), clock.instant().getEpochSecond());
    }

    /** Replaces the snapshot with every entry in force in the store. */
    public synchronized void load(BounceStore store) throws SQLException {
        SuppressionTables tables = store.suppressionTables();
        long[] lastSeq = new long[1];
        int[] count = new int[1];
        store.inTransaction(connection -> {
            lastSeq[0] = tables.lastChangeSeq(connection);
            try (var statement = connection.prepareStatement("SELECT COUNT(*) FROM bg_suppression");
                 var rs = statement.executeQuery()) {
                rs.next();
                count[0] = rs.getInt(1);
            }
            return null;
        });
        LongExpirySet loaded = new LongExpirySet(Math.max(16, count[0]));
        Instant now = clock.instant();
        try (Connection connection = store.dataSource().getConnection()) {
            tables.forEachActiveKey(connection, now, BounceStore.STREAM_FETCH_SIZE,
                    (key, scope, until) -> loaded.put(AddressHash.of(scope, key), epochSeconds(until)));
        }
        set = loaded;
        watermark = Math.max(0, lastSeq[0] - REPLAY_ON_LOAD);
        gapsFirstSeen.clear();
        refresh(store);
    }

    /** Applies the changes committed since the last refresh; returns how many were read. */
    public synchronized int refresh(BounceStore store) throws SQLException {
        int read = 0;
        while (true) {
            List<SuppressionChange> changes = store.inTransaction(
                    connection -> store.suppressionTables().changesAfter(connection, watermark, CHANGES_PER_READ));
            LongExpirySet target = set;
            for (SuppressionChange change : changes) {
                long hash = AddressHash.of(change.scope(), change.addressKey());
                if (change.suppressed()) {
                    target.put(hash, epochSeconds(change.until()));
                } else {
                    target.remove(hash);
                }
            }
            read += changes.size();
            long before = watermark;
            advanceWatermark(changes);
            if (changes.size() < CHANGES_PER_READ || watermark == before) {
                return read;
            }
        }
    }

    private void advanceWatermark(List<SuppressionChange> changes) {
        Instant now = clock.instant();
        long next = watermark;
        for (SuppressionChange change : changes) {
            while (next + 1 < change.seq()) {
                Instant firstSeen = gapsFirstSeen.computeIfAbsent(next + 1, seq -> now);
                if (Duration.between(firstSeen, now).compareTo(GAP_TIMEOUT) < 0) {
                    watermark = next;
                    gapsFirstSeen.keySet().removeIf(seq -> seq <= watermark);
                    return;
                }
                next++;
            }
            next = change.seq();
        }
        watermark = next;
        gapsFirstSeen.keySet().removeIf(seq -> seq <= watermark);
    }

    /** Drops entries whose expiry has passed; returns how many. */
    public int purgeExpired() {
        return set.purgeExpired(clock.instant().getEpochSecond());
    }

    public int size() {
        return set.size();
    }

    public long memoryBytes() {
        return set.memoryBytes();
    }

    public synchronized long watermark() {
        return watermark;
    }

    private static long epochSeconds(Instant until) {
        if (until == null) {
            return 0;
        }
        long seconds = until.getEpochSecond();
        return until.getNano() > 0 ? seconds + 1 : seconds;
    }
}
