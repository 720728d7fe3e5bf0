package io.bounceguard.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
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
 * <p>The receiving-domain dimensions, with a row per domain and day, are also summed per ISO week (Monday first)
 * in {@code bg_stat_weekly}, in the same transaction, so that a range of weeks reads a seventh of the rows.
 */
public final class StatCounters {
    public static final String REASON = "reason";
    public static final String BOUNCE_TYPE = "bounce_type";
    public static final String SOURCE = "source";
    public static final String DOMAIN = "domain";
    public static final String DOMAIN_FAILED = "domain_failed";
    public static final String DOMAIN_SENT = "domain_sent";

    private static final Table DAILY = new Table("bg_stat_daily", "stat_day");
    private static final Table WEEKLY = new Table("bg_stat_weekly", "week_start");

    private final SqlDialect dialect;

    public StatCounters(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** A counter table and its date column; the SQL that adds to it. */
    private record Table(String name, String dateColumn) {
        String upsert() {
            return "INSERT INTO " + name + " (" + dateColumn + ", dimension, dim_value, event_count) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (" + dateColumn + ", dimension, dim_value)"
                    + " DO UPDATE SET event_count = " + name + ".event_count + EXCLUDED.event_count";
        }

        String update() {
            return "UPDATE " + name + " SET event_count = event_count + ? WHERE " + dateColumn
                    + " = ? AND dimension = ? AND dim_value = ?";
        }

        String insert() {
            return "INSERT INTO " + name + " (" + dateColumn + ", dimension, dim_value, event_count) VALUES (?, ?, ?, ?)";
        }
    }

    /** True for the dimensions also summed per week (a row per receiving domain and day). */
    public static boolean isRolledUpWeekly(String dimension) {
        return DOMAIN.equals(dimension) || DOMAIN_FAILED.equals(dimension) || DOMAIN_SENT.equals(dimension);
    }

    /** The Monday that starts the ISO week of {@code day}. */
    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The weekly increments that go with daily ones: the receiving-domain dimensions, summed per week. */
    public static Map<Key, Long> weeklyIncrements(Map<Key, Long> daily) {
        Map<Key, Long> weekly = new HashMap<>();
        daily.forEach((key, count) -> {
            if (isRolledUpWeekly(key.dimension())) {
                weekly.merge(new Key(weekOf(key.day()), key.dimension(), key.value()), count, Long::sum);
            }
        });
        return weekly;
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

    /**
     * Adds the increments to the daily counters and the receiving-domain ones to the weekly counters, in key order
     * (so concurrent writers lock rows in the same order).
     */
    public void add(Connection connection, Map<Key, Long> increments) throws SQLException {
        addTo(connection, DAILY, increments);
        addTo(connection, WEEKLY, weeklyIncrements(increments));
    }

    private void addTo(Connection connection, Table table, Map<Key, Long> increments) throws SQLException {
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
            try (PreparedStatement upsert = connection.prepareStatement(table.upsert())) {
                for (Map.Entry<Key, Long> increment : ordered) {
                    bind(upsert, increment.getKey(), increment.getValue(), 1, 2, 3, 4);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return;
        }
        addByUpdateThenInsert(connection, table, ordered);
    }

    /** One batch of updates, then one batch of inserts for the counters that did not exist (writes are serialised per node). */
    private static void addByUpdateThenInsert(Connection connection, Table table, List<Map.Entry<Key, Long>> ordered)
            throws SQLException {
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement(table.update())) {
            for (Map.Entry<Key, Long> increment : ordered) {
                bind(update, increment.getKey(), increment.getValue(), 2, 3, 4, 1);
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(table.insert())) {
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
