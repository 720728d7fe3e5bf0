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
    private static final String STATUS_COLUMNS = "address_key, scope, state, reason, rule_name, state_since, state_until,"
            + " hard_count, soft_count, complaint_count, sender_side_count, delivered_count, last_event_time, fold, updated_at";
    private static final String ENTRY_WRITE_COLUMNS = "address_key, scope, origin, reason, rule_name, suppressed_since,"
            + " suppressed_until, event_id, updated_at";
    /** The status columns compared to tell whether a status changed (all but the keys and {@code updated_at}). */
    private static final String STATUS_VALUE_COLUMNS = "state, reason, rule_name, state_since, state_until, hard_count,"
            + " soft_count, complaint_count, sender_side_count, delivered_count, last_event_time, fold";
    /**
     * PostgreSQL: every status of a batch in one statement, one array per column (a multi-row VALUES list would bind
     * fourteen parameters per row and be planned again for each batch size).
     */
    private static final String STATUS_UNNEST_ON_CONFLICT = "INSERT INTO bg_address_status (" + STATUS_COLUMNS + ")"
            + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::timestamptz[], ?::timestamptz[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::timestamptz[],"
            + " ?::varchar[], ?::timestamptz[]) ON CONFLICT (address_key, scope) DO UPDATE SET "
            + SqlDialect.updateFromExcluded(STATUS_COLUMNS, "address_key", "scope")
            + " WHERE (" + qualified("bg_address_status.", STATUS_VALUE_COLUMNS) + ") IS DISTINCT FROM ("
            + qualified("EXCLUDED.", STATUS_VALUE_COLUMNS) + ")";
    private static final String STATUS_INSERT = "INSERT INTO bg_address_status (" + STATUS_COLUMNS + ") VALUES ("
            + SqlDialect.parameters(STATUS_COLUMNS) + ")";
    private static final String STATUS_UPDATE = "UPDATE bg_address_status SET "
            + SqlDialect.updateFromExcluded(STATUS_COLUMNS, "address_key", "scope").replaceAll("EXCLUDED\\.\\w+", "?")
            + " WHERE address_key = ? AND scope = ?";

    private static String qualified(String prefix, String columns) {
        return prefix + String.join(", " + prefix, columns.split(",\\s*"));
    }

    private static final String STATUS_READ_COLUMNS = "address_key, scope, state, reason, rule_name, state_since,"
            + " state_until, hard_count, soft_count, complaint_count, sender_side_count, delivered_count, last_event_time";

    private final SqlDialect dialect;

    public SuppressionTables(SqlDialect dialect) {
        this.dialect = dialect;
    }

    private static final String ENTRY_COLUMNS = "address_key, scope, origin, reason, rule_name, suppressed_since,"
            + " suppressed_until, event_id";

    /** The entries of a set of keys (see {@link SqlDialect#rowsOfKeys}). */
    private static final String ENTRIES_OF_KEYS = "SELECT " + qualified("s.", ENTRY_COLUMNS) + " FROM "
            + SqlDialect.rowsOfKeys("bg_suppression", "s");

    /** Current suppression entries of the given keys, by {@code key + '\n' + storedScope}. */
    public Map<String, SuppressionEntry> entries(Connection connection, Collection<String> keys) throws SQLException {
        Map<String, SuppressionEntry> entries = new HashMap<>();
        if (keys.isEmpty()) {
            return entries;
        }
        try (PreparedStatement select = connection.prepareStatement(ENTRIES_OF_KEYS)) {
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

    /**
     * Writes the entries (upserts and deletes) and appends each change to the feed: on PostgreSQL three statements
     * with one array per column; on H2 JDBC batches, a changed entry deleted and inserted again.
     */
    public void putEntries(Connection connection, List<EntryWrite> writes, Instant now) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        if (dialect.supportsOnConflict()) {
            putEntriesByArrays(connection, writes, now);
            return;
        }
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bg_suppression (" + ENTRY_WRITE_COLUMNS
                     + ") VALUES (" + SqlDialect.parameters(ENTRY_WRITE_COLUMNS) + ")");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM bg_suppression WHERE address_key = ? AND scope = ?");
             PreparedStatement change = connection.prepareStatement("INSERT INTO bg_suppression_change"
                     + " (address_key, scope, suppressed, suppressed_until, changed_at) VALUES (?, ?, ?, ?, ?)")) {
            boolean inserts = false;
            for (EntryWrite write : writes) {
                SuppressionEntry entry = write.entry();
                delete.setString(1, write.addressKey());
                delete.setString(2, write.storedScope());
                delete.addBatch();
                if (entry != null) {
                    insert.setString(1, write.addressKey());
                    insert.setString(2, write.storedScope());
                    insert.setString(3, entry.origin().name());
                    insert.setString(4, entry.reason());
                    insert.setString(5, entry.rule());
                    insert.setTimestamp(6, Timestamp.from(entry.since()));
                    insert.setTimestamp(7, timestamp(entry.until()));
                    if (entry.eventId() == null) {
                        insert.setNull(8, Types.BIGINT);
                    } else {
                        insert.setLong(8, entry.eventId());
                    }
                    insert.setTimestamp(9, at);
                    insert.addBatch();
                    inserts = true;
                }
                change.setString(1, write.addressKey());
                change.setString(2, write.storedScope());
                change.setBoolean(3, entry != null);
                change.setTimestamp(4, entry == null ? null : timestamp(entry.until()));
                change.setTimestamp(5, at);
                change.addBatch();
            }
            delete.executeBatch();
            if (inserts) {
                insert.executeBatch();
            }
            change.executeBatch();
        }
    }

    private static final String ENTRY_DELETE_BY_ARRAYS = "DELETE FROM bg_suppression s"
            + " USING unnest(?::varchar[], ?::varchar[]) AS d (address_key, scope)"
            + " WHERE s.address_key = d.address_key AND s.scope = d.scope";
    private static final String ENTRY_UPSERT_BY_ARRAYS = "INSERT INTO bg_suppression (" + ENTRY_WRITE_COLUMNS + ")"
            + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::timestamptz[], ?::timestamptz[], ?::int8[], ?::timestamptz[]) ON CONFLICT (address_key, scope) DO UPDATE SET "
            + SqlDialect.updateFromExcluded(ENTRY_WRITE_COLUMNS, "address_key", "scope");
    /** The feed keeps the order of the writes (WITH ORDINALITY), as the JDBC batch does. */
    private static final String CHANGE_INSERT_BY_ARRAYS = "INSERT INTO bg_suppression_change"
            + " (address_key, scope, suppressed, suppressed_until, changed_at)"
            + " SELECT address_key, scope, suppressed, suppressed_until, changed_at FROM unnest(?::varchar[], ?::varchar[],"
            + " ?::boolean[], ?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY"
            + " AS c (address_key, scope, suppressed, suppressed_until, changed_at, n) ORDER BY n";
    private static final ColumnArrays KEY_ARRAYS = new ColumnArrays("varchar", "varchar");
    private static final ColumnArrays ENTRY_ARRAYS = new ColumnArrays("varchar", "varchar", "varchar", "varchar",
            "varchar", "varchar", "varchar", "int8", "varchar");
    private static final ColumnArrays CHANGE_ARRAYS = new ColumnArrays("varchar", "varchar", "bool", "varchar", "varchar");

    private static void putEntriesByArrays(Connection connection, List<EntryWrite> writes, Instant now) throws SQLException {
        List<Object[]> deletes = new ArrayList<>();
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> changes = new ArrayList<>(writes.size());
        for (EntryWrite write : writes) {
            SuppressionEntry entry = write.entry();
            if (entry == null) {
                deletes.add(new Object[] {write.addressKey(), write.storedScope()});
            } else {
                upserts.add(new Object[] {write.addressKey(), write.storedScope(), entry.origin().name(), entry.reason(),
                    entry.rule(), entry.since(), entry.until(), entry.eventId(), now});
            }
            changes.add(new Object[] {write.addressKey(), write.storedScope(), entry != null,
                entry == null ? null : entry.until(), now});
        }
        execute(connection, ENTRY_DELETE_BY_ARRAYS, KEY_ARRAYS, deletes);
        execute(connection, ENTRY_UPSERT_BY_ARRAYS, ENTRY_ARRAYS, upserts);
        execute(connection, CHANGE_INSERT_BY_ARRAYS, CHANGE_ARRAYS, changes);
    }

    private static void execute(Connection connection, String sql, ColumnArrays arrays, List<Object[]> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            arrays.bind(connection, statement, 1, rows);
            statement.executeUpdate();
        }
    }

    /** A status row as the policy writes it: the status and the fold state it came from (see {@code V10}). */
    public record StatusRow(AddressStatus status, String fold) {
    }

    /**
     * Writes the status rows; one equal to its stored row is not rewritten. {@code current} holds the stored rows
     * (read in the same transaction, by {@link #slot}). On H2 the rows that exist and differ are updated, the others
     * inserted (one writer per node there, and the parts of a split batch hold different addresses); PostgreSQL upserts them all, and its upsert leaves a row alone
     * when no value differs. Returns the rows sent to the database.
     */
    public int putStatuses(Connection connection, List<StatusRow> rows, Map<String, StatusRow> current, Instant now)
            throws SQLException {
        List<StatusRow> updates = new ArrayList<>();
        List<StatusRow> inserts = new ArrayList<>();
        for (StatusRow row : rows) {
            StatusRow stored = current.get(slot(row.status().addressKey(), Scopes.stored(row.status().scope())));
            if (stored == null) {
                inserts.add(row);
            } else if (!stored.equals(row)) {
                updates.add(row);
            }
        }
        Timestamp at = Timestamp.from(now);
        if (dialect.supportsOnConflict()) {
            updates.addAll(inserts);
            upsertByArrays(connection, updates, now);
        } else {
            batch(connection, STATUS_UPDATE, updates, (statement, row) -> {
                int next = bindStatusValues(statement, row, at, 1);
                statement.setString(next, row.status().addressKey());
                statement.setString(next + 1, Scopes.stored(row.status().scope()));
            });
            batch(connection, STATUS_INSERT, inserts, (statement, row) -> bindStatus(statement, row, at));
        }
        return updates.size() + inserts.size();
    }

    /** The element types of the status columns, in the order of {@link #STATUS_COLUMNS}. */
    private static final ColumnArrays STATUS_ARRAYS = new ColumnArrays("varchar", "varchar", "varchar", "varchar",
            "varchar", "varchar", "varchar", "int4", "int4", "int4", "int4", "int4", "varchar", "varchar", "varchar");

    /** Upserts the rows with {@link #STATUS_UNNEST_ON_CONFLICT}: the values go as one array per column. */
    private static void upsertByArrays(Connection connection, List<StatusRow> statusRows, Instant now) throws SQLException {
        List<Object[]> rows = new ArrayList<>(statusRows.size());
        for (StatusRow row : statusRows) {
            AddressStatus s = row.status();
            rows.add(new Object[] {s.addressKey(), Scopes.stored(s.scope()), s.state().name(), s.reason(), s.rule(),
                s.since(), s.until(), s.hardCount(), s.softCount(), s.complaintCount(), s.senderSideCount(),
                s.deliveredCount(), s.lastEventTime(), row.fold(), now});
        }
        execute(connection, STATUS_UNNEST_ON_CONFLICT, STATUS_ARRAYS, rows);
    }

    /** Binds one row of a batch. */
    @FunctionalInterface
    private interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private static <T> void batch(Connection connection, String sql, List<T> rows, RowBinder<T> binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Binds a status row in the order of the status columns; returns the next parameter index. */
    private static int bindStatus(PreparedStatement statement, StatusRow row, Timestamp at) throws SQLException {
        statement.setString(1, row.status().addressKey());
        statement.setString(2, Scopes.stored(row.status().scope()));
        return bindStatusValues(statement, row, at, 3);
    }

    /** Binds the non-key status columns from parameter {@code first}; returns the next parameter index. */
    private static int bindStatusValues(PreparedStatement statement, StatusRow row, Timestamp at, int first)
            throws SQLException {
        AddressStatus status = row.status();
        int i = first;
        statement.setString(i++, status.state().name());
        statement.setString(i++, status.reason());
        statement.setString(i++, status.rule());
        statement.setTimestamp(i++, timestamp(status.since()));
        statement.setTimestamp(i++, timestamp(status.until()));
        statement.setInt(i++, status.hardCount());
        statement.setInt(i++, status.softCount());
        statement.setInt(i++, status.complaintCount());
        statement.setInt(i++, status.senderSideCount());
        statement.setInt(i++, status.deliveredCount());
        statement.setTimestamp(i++, timestamp(status.lastEventTime()));
        statement.setString(i++, row.fold());
        statement.setTimestamp(i++, at);
        return i;
    }

    /** The statuses of one key in every scope where it has one. */
    public List<AddressStatus> statuses(Connection connection, String addressKey) throws SQLException {
        List<AddressStatus> statuses = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + STATUS_READ_COLUMNS
                + " FROM bg_address_status WHERE address_key = ? ORDER BY scope")) {
            select.setString(1, addressKey);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    statuses.add(status(rs));
                }
            }
        }
        return statuses;
    }

    /** The stored status rows of the given keys in every scope, by {@link #slot}. */
    public Map<String, StatusRow> statusRows(Connection connection, Collection<String> keys) throws SQLException {
        Map<String, StatusRow> rows = new HashMap<>();
        if (keys.isEmpty()) {
            return rows;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT " + qualified("s.", STATUS_READ_COLUMNS)
                + ", s.fold FROM " + SqlDialect.rowsOfKeys("bg_address_status", "s"))) {
            select.setArray(1, connection.createArrayOf("VARCHAR", keys.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    AddressStatus status = status(rs);
                    rows.put(slot(status.addressKey(), Scopes.stored(status.scope())), new StatusRow(status, rs.getString(14)));
                }
            }
        }
        return rows;
    }

    private static AddressStatus status(ResultSet rs) throws SQLException {
        return new AddressStatus(rs.getString(1), Scopes.api(rs.getString(2)), AddressState.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5), instant(rs, 6), instant(rs, 7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                rs.getInt(11), rs.getInt(12), instant(rs, 13));
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

    /** Receives the key, stored scope and end (null = never) of one suppression in force. */
    @FunctionalInterface
    public interface ActiveKeySink {
        void accept(String addressKey, String storedScope, Instant until);
    }

    /** Streams the key, scope and end of every entry in force at {@code now}: the lean read behind snapshot loads. */
    public void forEachActiveKey(Connection connection, Instant now, int fetchSize, ActiveKeySink sink) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement("SELECT address_key, scope, suppressed_until"
                + " FROM bg_suppression WHERE suppressed_until IS NULL OR suppressed_until > ?")) {
            select.setFetchSize(fetchSize);
            select.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getString(1), rs.getString(2), instant(rs, 3));
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
