package io.bounceguard.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Daily counters by dimension (UTC days), added to in the same transaction as the events they count.
 * Dimensions: {@code reason}, {@code bounce_type}, {@code source}, {@code domain} (every event of a receiving
 * domain), {@code domain_failed} (its hard and soft bounces), {@code domain_sent} (sends reported through
 * {@link #addSends} and DELIVERED events).
 */
public final class StatCounters {
    public static final String REASON = "reason";
    public static final String BOUNCE_TYPE = "bounce_type";
    public static final String SOURCE = "source";
    public static final String DOMAIN = "domain";
    public static final String DOMAIN_FAILED = "domain_failed";
    public static final String DOMAIN_SENT = "domain_sent";

    private static final String ADD_ON_CONFLICT = "INSERT INTO bg_stat_daily (stat_day, dimension, dim_value, event_count)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (stat_day, dimension, dim_value)"
            + " DO UPDATE SET event_count = bg_stat_daily.event_count + EXCLUDED.event_count";

    private final SqlDialect dialect;

    public StatCounters(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** One counter key. */
    public record Key(LocalDate day, String dimension, String value) {
    }

    /** One counter with its value. */
    public record Counter(LocalDate day, String dimension, String value, long count) {
    }

    /** The counter increments for a set of logged events. */
    public static Map<Key, Long> incrementsFor(List<BounceEvent> events, EventLog log) {
        Map<Key, Long> increments = new HashMap<>();
        for (BounceEvent e : events) {
            LocalDate day = LocalDate.ofInstant(e.time(), ZoneOffset.UTC);
            add(increments, day, SOURCE, e.source().name().toLowerCase(Locale.ROOT));
            if (e.reason() != null) {
                add(increments, day, REASON, e.reason().toLowerCase(Locale.ROOT));
            }
            if (e.bounceType() != null) {
                add(increments, day, BOUNCE_TYPE, e.bounceType().toLowerCase(Locale.ROOT));
            }
            String domain = log.keyOf(e).map(NormalizedAddress::domain).orElse(null);
            if (domain != null) {
                add(increments, day, DOMAIN, domain);
                String type = e.bounceType() == null ? "" : e.bounceType().toLowerCase(Locale.ROOT);
                if (type.equals("hard") || type.equals("soft")) {
                    add(increments, day, DOMAIN_FAILED, domain);
                }
                if (e.source() == EventSource.DELIVERED) {
                    add(increments, day, DOMAIN_SENT, domain);
                }
            }
        }
        return increments;
    }

    private static void add(Map<Key, Long> increments, LocalDate day, String dimension, String value) {
        String cut = value.length() > 255 ? value.substring(0, 255) : value;
        increments.merge(new Key(day, dimension, cut), 1L, Long::sum);
    }

    /** Adds the increments to the counters, in key order (so concurrent writers lock rows in the same order). */
    public void add(Connection connection, Map<Key, Long> increments) throws SQLException {
        if (increments.isEmpty()) {
            return;
        }
        List<Map.Entry<Key, Long>> ordered = new ArrayList<>(increments.entrySet());
        ordered.sort(Map.Entry.comparingByKey((a, b) -> {
            int c = a.day().compareTo(b.day());
            c = c != 0 ? c : a.dimension().compareTo(b.dimension());
            return c != 0 ? c : a.value().compareTo(b.value());
        }));
        if (dialect.supportsOnConflict()) {
            try (PreparedStatement upsert = connection.prepareStatement(ADD_ON_CONFLICT)) {
                for (Map.Entry<Key, Long> increment : ordered) {
                    bind(upsert, increment.getKey(), increment.getValue(), 1, 2, 3, 4);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return;
        }
        addByUpdateThenInsert(connection, ordered);
    }

    /** One batch of updates, then one batch of inserts for the counters that did not exist (writes are serialised per node). */
    private static void addByUpdateThenInsert(Connection connection, List<Map.Entry<Key, Long>> ordered) throws SQLException {
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement("UPDATE bg_stat_daily SET event_count = event_count + ?"
                + " WHERE stat_day = ? AND dimension = ? AND dim_value = ?")) {
            for (Map.Entry<Key, Long> increment : ordered) {
                bind(update, increment.getKey(), increment.getValue(), 2, 3, 4, 1);
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bg_stat_daily (stat_day, dimension, dim_value, event_count) VALUES (?, ?, ?, ?)")) {
            boolean any = false;
            for (int i = 0; i < ordered.size(); i++) {
                if (updated[i] == 0) {
                    bind(insert, ordered.get(i).getKey(), ordered.get(i).getValue(), 1, 2, 3, 4);
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement statement, Key key, long increment, int day, int dimension, int value,
            int count) throws SQLException {
        statement.setDate(day, Date.valueOf(key.day()));
        statement.setString(dimension, key.dimension());
        statement.setString(value, key.value());
        statement.setLong(count, increment);
    }

    /** Counters of one dimension for days in [{@code from}, {@code to}], by day then value. */
    public List<Counter> read(Connection connection, String dimension, LocalDate from, LocalDate to) throws SQLException {
        List<Counter> counters = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT stat_day, dim_value, event_count"
                + " FROM bg_stat_daily WHERE dimension = ? AND stat_day >= ? AND stat_day <= ? ORDER BY stat_day, dim_value")) {
            select.setString(1, dimension);
            select.setDate(2, Date.valueOf(from));
            select.setDate(3, Date.valueOf(to));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counters.add(new Counter(rs.getDate(1).toLocalDate(), dimension, rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return counters;
    }
}
