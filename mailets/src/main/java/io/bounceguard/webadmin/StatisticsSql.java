package io.bounceguard.webadmin;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bounceguard.store.StatCounters;

/**
 * Sums over the store's daily counters ({@code bg_stat_daily}) for a day range, aggregated by the database. Every
 * statement names its dimensions, so it reads their rows through {@code bg_stat_daily_dimension}
 * (dimension, day, value, count) instead of every dimension's rows of each day.
 */
final class StatisticsSql {
    private static final String DAYS = " AND stat_day >= ? AND stat_day <= ?";

    private StatisticsSql() {
    }

    /**
     * Totals of the small dimensions (reason, bounce type, source) over the range: dimension -> value -> total,
     * largest first. A few dozen values a day, so H2 reading every day of them (see {@link #totals}) costs little.
     */
    static Map<String, Map<String, Long>> smallTotals(Connection connection, LocalDate from, LocalDate to) throws SQLException {
        Map<String, Map<String, Long>> totals = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT dimension, dim_value, SUM(event_count) AS total"
            + " FROM bg_stat_daily WHERE dimension IN (?, ?, ?)" + DAYS
            + " GROUP BY dimension, dim_value ORDER BY dimension, total DESC, dim_value")) {
            select.setString(1, StatCounters.REASON);
            select.setString(2, StatCounters.BOUNCE_TYPE);
            select.setString(3, StatCounters.SOURCE);
            bindDays(select, 4, from, to);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    totals.computeIfAbsent(rs.getString(1), d -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return totals;
    }

    /**
     * Totals of one dimension over the range, largest first then by value. One dimension per statement: with
     * {@code dimension IN (...)} H2 applies only the dimension to the index and reads every day of the table. A
     * receiving-domain dimension reads the range's full ISO weeks from {@code bg_stat_weekly} and only the days
     * before the first and after the last of them from {@code bg_stat_daily}.
     */
    static Map<String, Long> totals(Connection connection, String dimension, LocalDate from, LocalDate to) throws SQLException {
        LocalDate firstWeek = StatCounters.weekOf(from.plusDays(6));
        LocalDate lastWeek = StatCounters.weekOf(to.plusDays(1)).minusDays(7);
        if (!StatCounters.isRolledUpWeekly(dimension) || lastWeek.isBefore(firstWeek)) {
            return totals(connection, "SELECT dim_value, SUM(event_count) AS total FROM bg_stat_daily WHERE dimension = ?"
                + DAYS + " GROUP BY dim_value ORDER BY total DESC, dim_value", new Range(dimension, from, to));
        }
        return totals(connection, "SELECT dim_value, SUM(n) AS total FROM ("
            + "SELECT dim_value, event_count AS n FROM bg_stat_weekly WHERE dimension = ? AND week_start >= ? AND week_start <= ?"
            + " UNION ALL SELECT dim_value, event_count FROM bg_stat_daily WHERE dimension = ?" + DAYS
            + " UNION ALL SELECT dim_value, event_count FROM bg_stat_daily WHERE dimension = ?" + DAYS
            + ") counted GROUP BY dim_value ORDER BY total DESC, dim_value",
            new Range(dimension, firstWeek, lastWeek), new Range(dimension, from, firstWeek.minusDays(1)),
            new Range(dimension, lastWeek.plusDays(7), to));
    }

    /** The parameters of one {@code dimension = ? AND date >= ? AND date <= ?} condition. */
    private record Range(String dimension, LocalDate first, LocalDate last) {
    }

    /** Runs a totals statement whose parameters are its ranges' conditions, in order. */
    private static Map<String, Long> totals(Connection connection, String sql, Range... ranges) throws SQLException {
        Map<String, Long> totals = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < ranges.length; i++) {
                select.setString(3 * i + 1, ranges[i].dimension());
                bindDays(select, 3 * i + 2, ranges[i].first(), ranges[i].last());
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    totals.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return totals;
    }

    /** One day's count for one value of a dimension. */
    record DayCount(LocalDate day, String value, long count) {
    }

    /** The counters of one dimension per day, by day then value. */
    static List<DayCount> perDay(Connection connection, String dimension, LocalDate from, LocalDate to) throws SQLException {
        List<DayCount> counts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT stat_day, dim_value, event_count"
            + " FROM bg_stat_daily WHERE dimension = ?" + DAYS + " ORDER BY stat_day, dim_value")) {
            select.setString(1, dimension);
            bindDays(select, 2, from, to);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.add(new DayCount(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return counts;
    }

    private static void bindDays(PreparedStatement select, int first, LocalDate from, LocalDate to) throws SQLException {
        select.setDate(first, Date.valueOf(from));
        select.setDate(first + 1, Date.valueOf(to));
    }
}
