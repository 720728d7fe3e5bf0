package io.bounceguard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** SQL over the suppression entries, their change feed and the per-address status. */
public final class SuppressionTables {
    private final SqlDialect dialect;

    public SuppressionTables(SqlDialect dialect) {
        this.dialect = dialect;
    }

    private static final String ENTRY_COLUMNS = "address_key, scope, origin, reason, rule_name, suppressed_since,"
            + " suppressed_until, event_id";

    /** Current suppression entries of the given keys, by {@code key + '\n' + storedScope}. */
    public Map<String, SuppressionEntry> entries(Connection connection, Collection<String> keys) throws SQLException {
        Map<String, SuppressionEntry> entries = new HashMap<>();
        if (keys.isEmpty()) {
            return entries;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + ENTRY_COLUMNS + " FROM bg_suppression WHERE address_key = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("VARCHAR", keys.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    SuppressionEntry entry = entry(rs);
                    entries.put(slot(entry.addressKey(), Scopes.stored(entry.scope())), entry);
                }
            }
        }
        return entries;
    }

    /** The map key used by {@link #entries}. */
    public static String slot(String addressKey, String storedScope) {
        return addressKey + "\n" + storedScope;
    }

    /** A suppression entry to write for a key and stored scope; {@code entry} null deletes it. */
    public record EntryWrite(String addressKey, String storedScope, SuppressionEntry entry) {
    }

    /** Writes the entries (upserts and deletes, each as one JDBC batch) and appends each change to the feed. */
    public void putEntries(Connection connection, List<EntryWrite> writes, Instant now) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement upsert = connection.prepareStatement(dialect.upsertEntry());
             PreparedStatement delete = connection.prepareStatement("DELETE FROM bg_suppression WHERE address_key = ? AND scope = ?");
             PreparedStatement change = connection.prepareStatement("INSERT INTO bg_suppression_change"
                     + " (address_key, scope, suppressed, suppressed_until, changed_at) VALUES (?, ?, ?, ?, ?)")) {
            boolean upserts = false;
            boolean deletes = false;
            for (EntryWrite write : writes) {
                SuppressionEntry entry = write.entry();
                if (entry == null) {
                    delete.setString(1, write.addressKey());
                    delete.setString(2, write.storedScope());
                    delete.addBatch();
                    deletes = true;
                } else {
                    upsert.setString(1, write.addressKey());
                    upsert.setString(2, write.storedScope());
                    upsert.setString(3, entry.origin().name());
                    upsert.setString(4, entry.reason());
                    upsert.setString(5, entry.rule());
                    upsert.setTimestamp(6, Timestamp.from(entry.since()));
                    upsert.setTimestamp(7, timestamp(entry.until()));
                    if (entry.eventId() == null) {
                        upsert.setNull(8, Types.BIGINT);
                    } else {
                        upsert.setLong(8, entry.eventId());
                    }
                    upsert.setTimestamp(9, at);
                    upsert.addBatch();
                    upserts = true;
                }
                change.setString(1, write.addressKey());
                change.setString(2, write.storedScope());
                change.setBoolean(3, entry != null);
                change.setTimestamp(4, entry == null ? null : timestamp(entry.until()));
                change.setTimestamp(5, at);
                change.addBatch();
            }
            if (upserts) {
                upsert.executeBatch();
            }
            if (deletes) {
                delete.executeBatch();
            }
            change.executeBatch();
        }
    }

    /** Writes the statuses as one JDBC batch. */
    public void putStatuses(Connection connection, List<AddressStatus> statuses, Instant now) throws SQLException {
        if (statuses.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement upsert = connection.prepareStatement(dialect.upsertStatus())) {
            for (AddressStatus status : statuses) {
                int i = 1;
                upsert.setString(i++, status.addressKey());
                upsert.setString(i++, Scopes.stored(status.scope()));
                upsert.setString(i++, status.state().name());
                upsert.setString(i++, status.reason());
                upsert.setString(i++, status.rule());
                upsert.setTimestamp(i++, timestamp(status.since()));
                upsert.setTimestamp(i++, timestamp(status.until()));
                upsert.setInt(i++, status.hardCount());
                upsert.setInt(i++, status.softCount());
                upsert.setInt(i++, status.complaintCount());
                upsert.setInt(i++, status.senderSideCount());
                upsert.setInt(i++, status.deliveredCount());
                upsert.setTimestamp(i++, timestamp(status.lastEventTime()));
                upsert.setTimestamp(i, at);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** The statuses of one key in every scope where it has one. */
    public List<AddressStatus> statuses(Connection connection, String addressKey) throws SQLException {
        List<AddressStatus> statuses = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT address_key, scope, state, reason, rule_name,"
                + " state_since, state_until, hard_count, soft_count, complaint_count, sender_side_count, delivered_count,"
                + " last_event_time FROM bg_address_status WHERE address_key = ? ORDER BY scope")) {
            select.setString(1, addressKey);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    statuses.add(new AddressStatus(rs.getString(1), Scopes.api(rs.getString(2)),
                            AddressState.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), instant(rs, 6),
                            instant(rs, 7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12),
                            instant(rs, 13)));
                }
            }
        }
        return statuses;
    }

    /** The highest sequence number in the change feed, 0 when empty. */
    public long lastChangeSeq(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(seq) FROM bg_suppression_change");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Changes with a sequence number above {@code afterSeq}, in sequence order. */
    public List<SuppressionChange> changesAfter(Connection connection, long afterSeq, int max) throws SQLException {
        List<SuppressionChange> changes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, address_key, scope, suppressed,"
                + " suppressed_until FROM bg_suppression_change WHERE seq > ? ORDER BY seq LIMIT " + max)) {
            select.setLong(1, afterSeq);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    changes.add(new SuppressionChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            instant(rs, 5)));
                }
            }
        }
        return changes;
    }

    /**
     * Hands every entry matching the filters to {@code sink} in key order, reading {@code fetchSize} rows at a
     * time. {@code storedScope} null = all scopes; {@code keyPrefix} filters keys; {@code activeAt} non-null
     * keeps only entries in force then; {@code afterKey} continues a page; {@code limit} 0 = no limit.
     */
    public void forEachEntry(Connection connection, String storedScope, String keyPrefix, Instant activeAt,
            String afterKey, int limit, int fetchSize, Consumer<SuppressionEntry> sink) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + ENTRY_COLUMNS + " FROM bg_suppression WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (storedScope != null) {
            sql.append(" AND scope = ?");
            parameters.add(storedScope);
        }
        if (keyPrefix != null && !keyPrefix.isEmpty()) {
            sql.append(" AND address_key LIKE ? ESCAPE '!'");
            parameters.add(keyPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (activeAt != null) {
            sql.append(" AND (suppressed_until IS NULL OR suppressed_until > ?)");
            parameters.add(Timestamp.from(activeAt));
        }
        if (afterKey != null) {
            sql.append(" AND address_key > ?");
            parameters.add(afterKey);
        }
        sql.append(" ORDER BY address_key, scope");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            select.setFetchSize(fetchSize);
            EventLog.bind(select, parameters);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    sink.accept(entry(rs));
                }
            }
        } finally {
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static SuppressionEntry entry(ResultSet rs) throws SQLException {
        long eventId = rs.getLong(8);
        boolean noEvent = rs.wasNull();
        return new SuppressionEntry(rs.getString(1), Scopes.api(rs.getString(2)), SuppressionOrigin.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5), instant(rs, 6), instant(rs, 7), noEvent ? null : eventId);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant value) {
        return value == null ? null : Timestamp.from(value);
    }
}
