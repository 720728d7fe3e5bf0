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
 * statement names its dimensions, so it reads only their rows through {@code bg_stat_daily_dimension}
 * (dimension, day, value, count) instead of every dimension's rows of each day.
 */
final class StatisticsSql {
    private static final String DAYS = " AND stat_day >= ? AND stat_day <= ?";

    private StatisticsSql() {
    }

    /**
     * Totals of the small dimensions (reason, bounce type, source) over the range: dimension -> value -> total,
     * largest first.
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

    /** One receiving domain's totals over the range; {@code events} and {@code sent} are null when it has none. */
    record DomainTotals(String domain, Long events, long failed, Long sent) {
    }

    /**
     * Every receiving domain's events, failures and sends over the range in one pass over the three domain
     * dimensions, by events (largest first, domains without events last), then domain.
     */
    static List<DomainTotals> domains(Connection connection, LocalDate from, LocalDate to) throws SQLException {
        List<DomainTotals> domains = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT dim_value,"
            + " SUM(CASE WHEN dimension = ? THEN event_count END) AS events,"
            + " SUM(CASE WHEN dimension = ? THEN event_count END) AS failed,"
            + " SUM(CASE WHEN dimension = ? THEN event_count END) AS sent"
            + " FROM bg_stat_daily WHERE dimension IN (?, ?, ?)" + DAYS
            + " GROUP BY dim_value ORDER BY events DESC NULLS LAST, dim_value")) {
            String[] dimensions = {StatCounters.DOMAIN, StatCounters.DOMAIN_FAILED, StatCounters.DOMAIN_SENT};
            for (int i = 0; i < dimensions.length; i++) {
                select.setString(i + 1, dimensions[i]);
                select.setString(i + 4, dimensions[i]);
            }
            bindDays(select, 7, from, to);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    domains.add(new DomainTotals(rs.getString(1), nullable(rs, 2), rs.getLong(3), nullable(rs, 4)));
                }
            }
        }
        return domains;
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

    private static Long nullable(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static void bindDays(PreparedStatement select, int first, LocalDate from, LocalDate to) throws SQLException {
        select.setDate(first, Date.valueOf(from));
        select.setDate(first + 1, Date.valueOf(to));
    }
}
