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

/**
 * Sums over the store's daily counters ({@code bg_stat_daily}) for a day range, done by the database so that a
 * request reads a few hundred rows whatever the size of the log.
 */
final class StatisticsSql {
    private static final String RANGE = " FROM bg_stat_daily WHERE dimension = ? AND stat_day >= ? AND stat_day <= ?";

    private StatisticsSql() {
    }

    /** Totals per dimension and value over the range, in one scan: dimension -> value -> total, largest first. */
    static Map<String, Map<String, Long>> allTotals(Connection connection, LocalDate from, LocalDate to) throws SQLException {
        Map<String, Map<String, Long>> totals = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT dimension, dim_value, SUM(event_count) AS total"
            + " FROM bg_stat_daily WHERE stat_day >= ? AND stat_day <= ? GROUP BY dimension, dim_value"
            + " ORDER BY dimension, total DESC, dim_value")) {
            select.setDate(1, Date.valueOf(from));
            select.setDate(2, Date.valueOf(to));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    totals.computeIfAbsent(rs.getString(1), d -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
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
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT stat_day, dim_value, event_count" + RANGE + " ORDER BY stat_day, dim_value")) {
            bind(select, dimension, from, to);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.add(new DayCount(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return counts;
    }

    private static void bind(PreparedStatement select, String dimension, LocalDate from, LocalDate to) throws SQLException {
        select.setString(1, dimension);
        select.setDate(2, Date.valueOf(from));
        select.setDate(3, Date.valueOf(to));
    }
}
