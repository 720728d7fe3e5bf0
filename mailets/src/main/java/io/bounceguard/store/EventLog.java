package io.bounceguard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/** SQL over the append-only event log ({@code bg_event}) and its acknowledgements. */
public final class EventLog {
    private static final String COLUMNS = "e.id, e.event_time, e.recipient, e.original_sender, e.scope, e.source, e.kind,"
            + " e.action, e.status, e.reply_code, e.reason, e.bounce_type, e.diagnostic, e.remote_mta, e.reporting_mta,"
            + " e.message_id, e.verified, e.feedback_type, e.address_key, e.requested_until";
    private static final String INSERT_COLUMNS = "event_uid, event_time, recorded_at, recipient, address_key,"
            + " recipient_domain, original_sender, scope, source, kind, action, status, reply_code, reason, bounce_type,"
            + " diagnostic, remote_mta, reporting_mta, message_id, verified, feedback_type, requested_until";
    private static final String INSERT = "INSERT INTO bg_event (" + INSERT_COLUMNS + ") VALUES ("
            + SqlDialect.parameters(INSERT_COLUMNS) + ")";
    /** The events of a set of keys (see {@link SqlDialect#rowsOfKeys}). */
    private static final String KEYS_JOIN = SqlDialect.rowsOfKeys("bg_event", "e");
    /** The sources the policy does not fold (see {@link #folded}). */
    private static final Set<EventSource> NOT_FOLDED = EnumSet.of(EventSource.SUPPRESSED_AT_RELAY, EventSource.AUTOREPLY);
    private static final int REPLY_CODE_INDEX = 13;
    private static final int REQUESTED_UNTIL_INDEX = 22;

    private final AddressNormalizer normalizer;

    public EventLog(AddressNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** The suppression key of an event's recipient, or empty when it cannot be normalised. */
    public Optional<NormalizedAddress> keyOf(BounceEvent event) {
        return normalizer.tryNormalize(event.recipient());
    }

    /** The stored scope of an event: its sender domain in normalised form, or global. */
    public String scopeOf(BounceEvent event) {
        if (event.scope() == null || event.scope().isBlank()) {
            return Scopes.GLOBAL;
        }
        try {
            return normalizer.normalizeDomain(event.scope());
        } catch (IllegalArgumentException e) {
            return Scopes.GLOBAL;
        }
    }

    /**
     * Inserts the events, on PostgreSQL with one {@code COPY} (ids drawn from the identity's sequence first), elsewhere
     * as one JDBC batch; returns the events inserted as {@link #history} would read them back, with their ids and
     * uids, in batch order. With {@code mayRepeat} (a replay from the spool), uids already logged are skipped first.
     */
    public List<HistoryEvent> insert(Connection connection, List<PendingEvent> events, boolean mayRepeat) throws SQLException {
        Set<String> existing = mayRepeat ? existingUids(connection, events) : Set.of();
        Set<String> uids = new HashSet<>();
        Timestamp now = Timestamp.from(Instant.now());
        List<HistoryEvent> logged = new ArrayList<>(events.size());
        List<Object[]> rows = new ArrayList<>(events.size());
        for (PendingEvent pending : events) {
            if (!existing.contains(pending.uid()) && uids.add(pending.uid())) {
                Optional<NormalizedAddress> key = keyOf(pending.event());
                HistoryEvent event = logged(pending, key);
                logged.add(event);
                rows.add(row(event, key.map(NormalizedAddress::domain).orElse(rawDomain(pending.event().recipient())), now));
            }
        }
        if (rows.isEmpty()) {
            return logged;
        }
        long[] ids;
        if (connection.isWrapperFor(PGConnection.class)) {
            ids = drawIds(connection, rows.size());
            List<Object[]> withIds = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = new Object[rows.get(i).length + 1];
                row[0] = ids[i];
                System.arraycopy(rows.get(i), 0, row, 1, rows.get(i).length);
                withIds.add(row);
            }
            CopyRows.copy(connection.unwrap(PGConnection.class), "bg_event (id, " + INSERT_COLUMNS + ")", withIds);
        } else {
            ids = insertBatch(connection, rows);
        }
        List<HistoryEvent> inserted = new ArrayList<>(logged.size());
        for (int i = 0; i < logged.size(); i++) {
            HistoryEvent event = logged.get(i);
            inserted.add(new HistoryEvent(event.event().toBuilder().id(ids[i]).build(), event.addressKey(),
                    event.requestedUntil(), event.uid()));
        }
        return inserted;
    }

    /** Whether the policy folds events of this kind: relay refusals and auto-replies are kept for ops only. */
    public static boolean folded(BounceEvent event) {
        return !NOT_FOLDED.contains(event.source());
    }

    /** The next {@code count} values of {@code bg_event}'s identity sequence, ascending (PostgreSQL). */
    private static long[] drawIds(Connection connection, int count) throws SQLException {
        long[] ids = new long[count];
        try (PreparedStatement draw = connection.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('bg_event', 'id')) FROM generate_series(1, ?)")) {
            draw.setInt(1, count);
            try (ResultSet rs = draw.executeQuery()) {
                for (int i = 0; i < count; i++) {
                    rs.next();
                    ids[i] = rs.getLong(1);
                }
            }
        }
        Arrays.sort(ids);
        return ids;
    }

    /** Inserts the rows as one JDBC batch; returns the ids the database gave them, in row order. */
    private static long[] insertBatch(Connection connection, List<Object[]> rows) throws SQLException {
        long[] ids = new long[rows.size()];
        try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"ID"})) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    bindInsert(insert, i + 1, row[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                for (int i = 0; i < ids.length; i++) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned " + i + " generated ids for " + ids.length + " events");
                    }
                    ids[i] = keys.getLong(1);
                }
            }
        }
        return ids;
    }

    /** The event as the log keeps it (values cut to their columns' lengths, names lower-cased) and its stored key. */
    private HistoryEvent logged(PendingEvent pending, Optional<NormalizedAddress> key) {
        BounceEvent e = pending.event();
        BounceEvent stored = e.toBuilder().id(null).recipient(cut(e.recipient(), 1024)).originalSender(cut(e.originalSender(), 1024))
                .scope(Scopes.api(scopeOf(e))).kind(cut(e.kind(), 32)).action(cut(e.action(), 32)).status(cut(e.status(), 32))
                .reason(cut(lower(e.reason()), 32)).bounceType(cut(lower(e.bounceType()), 16)).diagnostic(cut(e.diagnostic(), 4000))
                .remoteMta(cut(e.remoteMta(), 255)).reportingMta(cut(e.reportingMta(), 255)).messageId(cut(e.messageId(), 998))
                .feedbackType(cut(lower(e.feedbackType()), 32)).build();
        return new HistoryEvent(stored, key.map(NormalizedAddress::key).filter(k -> k.length() <= 512).orElse(null),
                pending.requestedUntil(), pending.uid());
    }

    /** The values of one {@code bg_event} row, in the order of {@link #INSERT_COLUMNS}. */
    private static Object[] row(HistoryEvent logged, String recipientDomain, Timestamp now) {
        BounceEvent e = logged.event();
        return new Object[] {logged.uid(), Timestamp.from(e.time()), now, e.recipient(), logged.addressKey(), recipientDomain,
            e.originalSender(), e.scope(), e.source().name(), e.kind(), e.action(), e.status(), e.replyCode(), e.reason(),
            e.bounceType(), e.diagnostic(), e.remoteMta(), e.reportingMta(), e.messageId(), e.verified(), e.feedbackType(),
            logged.requestedUntil() == null ? null : Timestamp.from(logged.requestedUntil())};
    }

    /** Binds one insert value; the column types are those of {@link #INSERT_COLUMNS}. */
    private static void bindInsert(PreparedStatement insert, int index, Object value) throws SQLException {
        if (value instanceof Timestamp timestamp) {
            insert.setTimestamp(index, timestamp);
        } else if (value instanceof Integer number) {
            insert.setInt(index, number);
        } else if (value instanceof Boolean flag) {
            insert.setBoolean(index, flag);
        } else if (value == null && index == REPLY_CODE_INDEX) {
            insert.setNull(index, Types.INTEGER);
        } else if (value == null && index == REQUESTED_UNTIL_INDEX) {
            insert.setTimestamp(index, null);
        } else {
            insert.setString(index, (String) value);
        }
    }

    /** The uids of the events already logged, found through the event-time index (replays only). */
    private static Set<String> existingUids(Connection connection, List<PendingEvent> events) throws SQLException {
        Set<String> found = new HashSet<>();
        if (events.isEmpty()) {
            return found;
        }
        Instant first = events.stream().map(p -> p.event().time()).min(Instant::compareTo).orElseThrow();
        Instant last = events.stream().map(p -> p.event().time()).max(Instant::compareTo).orElseThrow();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT event_uid FROM bg_event WHERE event_time >= ? AND event_time <= ? AND event_uid = ANY (?)")) {
            select.setTimestamp(1, Timestamp.from(first));
            select.setTimestamp(2, Timestamp.from(last));
            select.setArray(3, connection.createArrayOf("VARCHAR", events.stream().map(PendingEvent::uid).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /** Every logged event of the given suppression keys that the policy may act on, oldest first. */
    public List<HistoryEvent> history(Connection connection, Collection<String> keys) throws SQLException {
        List<HistoryEvent> history = new ArrayList<>();
        if (keys.isEmpty()) {
            return history;
        }
        String sql = "SELECT " + COLUMNS + ", NULL AS acked_at, NULL AS acked_by, e.event_uid FROM " + KEYS_JOIN
                + " WHERE e.source NOT IN (" + NOT_FOLDED.stream().map(source -> "'" + source.name() + "'")
                        .collect(Collectors.joining(", ")) + ") ORDER BY e.event_time, e.id";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("VARCHAR", keys.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Timestamp until = rs.getTimestamp("requested_until");
                    history.add(new HistoryEvent(event(rs), rs.getString("address_key"), until == null ? null : until.toInstant(),
                            rs.getString("event_uid")));
                }
            }
        }
        return history;
    }

    /** Runs the query and hands each matching event to {@code sink}, reading rows in chunks of {@code fetchSize}. */
    public void stream(Connection connection, EventQuery query, int fetchSize, boolean unlimited, Consumer<StoredEvent> sink)
            throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(", a.acked_at, a.acked_by FROM bg_event e LEFT JOIN bg_event_ack a ON a.event_id = e.id WHERE 1 = 1");
        appendFilters(query, sql, parameters);
        sql.append(query.oldestFirst() ? " ORDER BY e.id ASC" : " ORDER BY e.id DESC");
        if (!unlimited) {
            sql.append(" LIMIT ").append(query.limit());
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            select.setFetchSize(fetchSize);
            bind(select, parameters);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Timestamp acked = rs.getTimestamp("acked_at");
                    sink.accept(new StoredEvent(event(rs), rs.getString("address_key"),
                            acked == null ? null : acked.toInstant(), rs.getString("acked_by")));
                }
            }
        } finally {
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Adds the WHERE conditions of a query over {@code bg_event e LEFT JOIN bg_event_ack a}. */
    void appendFilters(EventQuery query, StringBuilder sql, List<Object> parameters) {
        if (query.recipient() != null) {
            Optional<NormalizedAddress> key = normalizer.tryNormalize(query.recipient());
            if (key.isPresent()) {
                sql.append(" AND e.address_key = ?");
                parameters.add(key.get().key());
            } else {
                sql.append(" AND e.recipient = ?");
                parameters.add(query.recipient());
            }
        }
        if (query.recipientDomain() != null) {
            sql.append(" AND e.recipient_domain = ?");
            parameters.add(normalizer.normalizeDomain(query.recipientDomain()));
        }
        if (query.scope() != null) {
            sql.append(" AND e.scope = ?");
            parameters.add(normalizer.normalizeDomain(query.scope()));
        }
        if (query.reason() != null) {
            sql.append(" AND e.reason = ?");
            parameters.add(lower(query.reason().trim()));
        }
        if (query.bounceType() != null) {
            sql.append(" AND e.bounce_type = ?");
            parameters.add(lower(query.bounceType().trim()));
        }
        if (query.source() != null) {
            sql.append(" AND e.source = ?");
            parameters.add(query.source().name());
        }
        if (query.verified() != null) {
            sql.append(" AND e.verified = ?");
            parameters.add(query.verified());
        }
        if (query.acknowledged() != null) {
            sql.append(query.acknowledged() ? " AND a.event_id IS NOT NULL" : " AND a.event_id IS NULL");
        }
        if (query.from() != null) {
            sql.append(" AND e.event_time >= ?");
            parameters.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND e.event_time < ?");
            parameters.add(Timestamp.from(query.to()));
        }
        if (query.afterId() != null) {
            sql.append(query.oldestFirst() ? " AND e.id > ?" : " AND e.id < ?");
            parameters.add(query.afterId());
        }
    }

    static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static BounceEvent event(ResultSet rs) throws SQLException {
        int replyCode = rs.getInt("reply_code");
        boolean noReplyCode = rs.wasNull();
        return new BounceEvent(rs.getLong("id"), rs.getTimestamp("event_time").toInstant(), rs.getString("recipient"),
                rs.getString("original_sender"), rs.getString("scope"), EventSource.valueOf(rs.getString("source")),
                rs.getString("kind"), rs.getString("action"), rs.getString("status"), noReplyCode ? null : replyCode,
                rs.getString("reason"), rs.getString("bounce_type"), rs.getString("diagnostic"), rs.getString("remote_mta"),
                rs.getString("reporting_mta"), rs.getString("message_id"), rs.getBoolean("verified"),
                rs.getString("feedback_type"));
    }

    private static String rawDomain(String recipient) {
        int at = recipient.lastIndexOf('@');
        return at < 0 ? null : cut(lower(recipient.substring(at + 1).replace(">", "").trim()), 255);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
