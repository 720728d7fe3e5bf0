package io.bounceguard.webadmin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.SqlDialect;

/**
 * Ops queries over the store's event log ({@code bg_event}) and acknowledgements ({@code bg_event_ack}) in plain
 * JDBC: the filtered list newest first with keyset paging, its count, streaming for exports, and
 * "mark as checked". Written here because the store does not offer these yet.
 */
public final class EventSql {
    private static final String COLUMNS = "e.id, e.event_time, e.recipient, e.original_sender, e.scope, e.source, e.kind,"
        + " e.action, e.status, e.reply_code, e.reason, e.bounce_type, e.diagnostic, e.remote_mta, e.reporting_mta,"
        + " e.message_id, e.verified, e.feedback_type, e.recipient_domain, a.acked_at, a.acked_by";
    private static final String FROM = " FROM bg_event e LEFT JOIN bg_event_ack a ON a.event_id = e.id WHERE 1 = 1";
    private static final String ORDER = " ORDER BY e.event_time DESC, e.id DESC";
    /**
     * The same order when the receiving domain is fixed: H2 reads a page off {@code bg_event_domain_time}
     * (recipient_domain, event_time, id) only when the ORDER BY names the index's columns from the first.
     */
    private static final String DOMAIN_ORDER = " ORDER BY e.recipient_domain DESC, e.event_time DESC, e.id DESC";
    private static final int FETCH_SIZE = 1_000;

    private final BounceStore store;

    public EventSql(BounceStore store) {
        this.store = store;
    }

    /**
     * At most {@code limit} events matching the filter, newest first (event time, then id), after the cursor when
     * given: the order follows the store's (..., event_time) indexes so a page stops early.
     */
    public List<EventRow> page(EventFilter filter, Optional<EventCursor> after, int limit) {
        List<EventRow> rows = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(FROM);
        where(filter, sql, parameters);
        after.ifPresent(cursor -> {
            sql.append(" AND (e.event_time < ? OR (e.event_time = ? AND e.id < ?))");
            parameters.add(Timestamp.from(cursor.time()));
            parameters.add(Timestamp.from(cursor.time()));
            parameters.add(cursor.id());
        });
        sql.append(order(filter)).append(" LIMIT ").append(limit);
        return Reads.query(store, "list events", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                bind(select, parameters);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return rows;
        });
    }

    /** One event by id. */
    public Optional<EventRow> byId(long id) {
        return Reads.query(store, "read an event", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + FROM + " AND e.id = ?")) {
                select.setLong(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<EventRow>empty();
                }
            }
        });
    }

    /**
     * How many events match the filter, counting at most {@code cap} of them. Which {@code cap} rows are counted
     * does not change the answer, so on PostgreSQL the capped subquery has no ORDER BY: it can then merge the log's
     * and the acknowledgements' primary keys instead of probing {@code bg_event_ack} once per event. H2 probes per
     * event either way; there the order keeps it on the newest events, whose pages the list has just read.
     */
    public long count(EventFilter filter, int cap) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM (SELECT e.id").append(FROM);
        where(filter, sql, parameters);
        if (store.dialect() == SqlDialect.H2) {
            sql.append(order(filter));
        }
        sql.append(" LIMIT ").append(cap).append(") capped");
        return Reads.query(store, "count events", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                bind(select, parameters);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Hands every matching event to {@code sink}, newest first, reading {@value #FETCH_SIZE} rows per round trip. */
    public void stream(EventFilter filter, Consumer<EventRow> sink) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(FROM);
        where(filter, sql, parameters);
        sql.append(order(filter));
        store.query("export events", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                select.setFetchSize(FETCH_SIZE);
                bind(select, parameters);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row(rs));
                    }
                }
            }
            return null;
        });
    }

    /** Marks one event as checked; false when there is no such event. Marking twice keeps the first mark. */
    public boolean markChecked(long id, String by) {
        return store.query("mark an event as checked", connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM bg_event WHERE id = ?")) {
                exists.setLong(1, id);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bg_event_ack (event_id, acked_at, acked_by)"
                + " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM bg_event_ack WHERE event_id = ?)")) {
                insert.setLong(1, id);
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.setString(3, by);
                insert.setLong(4, id);
                insert.executeUpdate();
            }
            return true;
        });
    }

    /** Marks every unchecked event matching the filter as checked, in one statement; returns how many. */
    public int markChecked(EventFilter filter, String by) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(Timestamp.from(Instant.now()));
        parameters.add(by);
        StringBuilder sql = new StringBuilder("INSERT INTO bg_event_ack (event_id, acked_at, acked_by) SELECT e.id, ?, ?")
            .append(FROM);
        where(filter.withAcknowledged(false), sql, parameters);
        return store.query("mark events as checked", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                bind(insert, parameters);
                return insert.executeUpdate();
            }
        });
    }

    private static String order(EventFilter filter) {
        return filter.recipientDomain().isPresent() ? DOMAIN_ORDER : ORDER;
    }

    static void where(EventFilter filter, StringBuilder sql, List<Object> parameters) {
        condition(sql, parameters, "e.address_key = ?", filter.addressKey());
        condition(sql, parameters, "e.recipient = ?", filter.rawRecipient());
        condition(sql, parameters, "e.recipient_domain = ?", filter.recipientDomain());
        condition(sql, parameters, "e.reason = ?", filter.reason());
        condition(sql, parameters, "e.bounce_type = ?", filter.bounceType());
        condition(sql, parameters, "e.source = ?", filter.source().map(EventSource::name));
        condition(sql, parameters, "e.verified = ?", filter.verified());
        condition(sql, parameters, "e.event_time >= ?", filter.from().map(Timestamp::from));
        condition(sql, parameters, "e.event_time < ?", filter.to().map(Timestamp::from));
        filter.acknowledged().ifPresent(acked -> sql.append(acked ? " AND a.event_id IS NOT NULL" : " AND a.event_id IS NULL"));
        if (filter.errorsOnly()) {
            sql.append(" AND e.source IN (").append(EventFilter.ERROR_SOURCES.stream().map(s -> "'" + s.name() + "'").sorted()
                .collect(Collectors.joining(", "))).append(")");
        }
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Optional<?> value) {
        value.ifPresent(v -> {
            sql.append(" AND ").append(condition);
            parameters.add(v);
        });
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static EventRow row(ResultSet rs) throws SQLException {
        int replyCode = rs.getInt("reply_code");
        boolean noReplyCode = rs.wasNull();
        BounceEvent event = new BounceEvent(rs.getLong("id"), rs.getTimestamp("event_time").toInstant(), rs.getString("recipient"),
            rs.getString("original_sender"), rs.getString("scope"), EventSource.valueOf(rs.getString("source")),
            rs.getString("kind"), rs.getString("action"), rs.getString("status"), noReplyCode ? null : replyCode,
            rs.getString("reason"), rs.getString("bounce_type"), rs.getString("diagnostic"), rs.getString("remote_mta"),
            rs.getString("reporting_mta"), rs.getString("message_id"), rs.getBoolean("verified"),
            rs.getString("feedback_type"));
        Timestamp acked = rs.getTimestamp("acked_at");
        return new EventRow(event, rs.getString("recipient_domain"), acked == null ? null : acked.toInstant(),
            rs.getString("acked_by"));
    }
}
