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

import io.bounceguard.store.SqlDialect;
import io.bounceguard.store.StatCounters;

/**
 * Sums over the store's counters for a day range, aggregated by the database: the small dimensions from the daily
 * counters ({@code bg_stat_daily}, read through {@code bg_stat_daily_dimension} (dimension, day, value, count) so
 * that only the dimensions asked for are read), the receiving domains from their month rows.
 */
final class StatisticsSql {
    private static final String DAYS = " AND stat_day >= ? AND stat_day <= ?";

    private StatisticsSql() {
    }

    /**
     * Totals of the small dimensions (reason, bounce type, source) over the range: dimension -> value -> total,
     * largest first. A few dozen values a day, so H2 reading every day of them (it applies only the dimension of a
     * {@code dimension IN (...)} to the index) costs little.
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

    /** A receiving domain's totals over a range: its events, its hard and soft bounces, its sends. */
    record DomainTotals(String domain, long events, long failed, long sent) {
    }

    /**
     * The receiving domains' totals over the range, most events first then by domain, in one statement over the
     * domain rows ({@code bg_stat_domain_monthly}: one row per domain and month, for each count a column per day
     * holding the count from the first of the month through that day) of the months the range touches: the first
     * and last month add only their days inside the range (one subtraction), the months between their whole count.
     * PostgreSQL sums the rows; H2 reads them and they are summed here. A 30-day range reads two rows per domain (three when it spans a February). Domains whose rows
     * count nothing inside the range come back with zeros.
     */
    static List<DomainTotals> domainTotals(Connection connection, SqlDialect dialect, LocalDate from, LocalDate to)
            throws SQLException {
        if (dialect == SqlDialect.H2) {
            return domainTotalsSummedHere(connection, from, to);
        }
        LocalDate firstMonth = StatCounters.monthOf(from);
        LocalDate lastMonth = StatCounters.monthOf(to);
        int lastDay = to.getDayOfMonth();
        // One branch per kind of month, each reading its months off the primary key (month_start, domain): no CASE
        // per row, and SUM over BIGINT cast back to BIGINT so that the sort compares integers, not numerics.
        List<String> branches = new ArrayList<>();
        List<LocalDate> months = new ArrayList<>();
        if (firstMonth.equals(lastMonth)) {
            branches.add(monthBranch(from.getDayOfMonth(), lastDay, "month_start = ?"));
            months.add(firstMonth);
        } else {
            branches.add(monthBranch(from.getDayOfMonth(), StatCounters.ROW_DAYS, "month_start = ?"));
            months.add(firstMonth);
            branches.add(monthBranch(1, lastDay, "month_start = ?"));
            months.add(lastMonth);
            if (firstMonth.plusMonths(1).isBefore(lastMonth)) {
                branches.add(monthBranch(1, StatCounters.ROW_DAYS, "month_start > ? AND month_start < ?"));
                months.add(firstMonth);
                months.add(lastMonth);
            }
        }
        String sql = "SELECT recipient_domain, CAST(SUM(e) AS BIGINT) AS events, CAST(SUM(f) AS BIGINT), CAST(SUM(s) AS BIGINT)"
            + " FROM (" + String.join(" UNION ALL ", branches) + ") counted"
            + " GROUP BY recipient_domain ORDER BY events DESC, recipient_domain";
        List<DomainTotals> totals = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < months.size(); i++) {
                select.setDate(i + 1, Date.valueOf(months.get(i)));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    totals.add(new DomainTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return totals;
    }

    /** The counts of days first..last of the months that {@code where} selects, per domain row. */
    private static String monthBranch(int first, int last, String where) {
        return "SELECT recipient_domain, " + days("events", first, last) + " AS e, " + days("failed", first, last) + " AS f, "
            + days("sent", first, last) + " AS s FROM " + StatCounters.DOMAIN_TABLE + " WHERE " + where;
    }

    /**
     * H2: the same totals, summed here from the month rows. H2 is in the JVM, so reading the rows costs no transfer,
     * while its interpreted SUM(CASE ...) costs microseconds a row. Sorted like H2's ORDER BY (its default
     * collation compares strings as Java does).
     */
    private static List<DomainTotals> domainTotalsSummedHere(Connection connection, LocalDate from, LocalDate to)
            throws SQLException {
        LocalDate firstMonth = StatCounters.monthOf(from);
        LocalDate lastMonth = StatCounters.monthOf(to);
        int firstDay = from.getDayOfMonth();
        int lastDay = to.getDayOfMonth();
        // Per count: through the day before the range's first day, through its last day, through the month's end.
        StringBuilder columns = new StringBuilder();
        for (String count : List.of("events", "failed", "sent")) {
            columns.append(", ").append(firstDay > 1 ? StatCounters.domainColumn(count, firstDay - 1) : "0")
                .append(", ").append(StatCounters.domainColumn(count, lastDay))
                .append(", ").append(StatCounters.domainColumn(count, StatCounters.ROW_DAYS));
        }
        Map<String, long[]> sums = new java.util.HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT month_start, recipient_domain" + columns
                + " FROM " + StatCounters.DOMAIN_TABLE + " WHERE month_start >= ? AND month_start <= ?")) {
            bindDays(select, 1, firstMonth, lastMonth);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    LocalDate month = rs.getDate(1).toLocalDate();
                    boolean first = month.equals(firstMonth);
                    boolean last = month.equals(lastMonth);
                    long[] sum = sums.computeIfAbsent(rs.getString(2), d -> new long[3]);
                    for (int count = 0; count < 3; count++) {
                        int c = 3 + 3 * count;
                        sum[count] += (last ? rs.getLong(c + 1) : rs.getLong(c + 2)) - (first ? rs.getLong(c) : 0);
                    }
                }
            }
        }
        List<DomainTotals> totals = new ArrayList<>(sums.size());
        sums.forEach((domain, sum) -> totals.add(new DomainTotals(domain, sum[0], sum[1], sum[2])));
        totals.sort(java.util.Comparator.comparingLong(DomainTotals::events).reversed().thenComparing(DomainTotals::domain));
        return totals;
    }

    /** A count's days first..last of a month, from its columns that run from the first of the month. */
    private static String days(String count, int first, int last) {
        String through = StatCounters.domainColumn(count, last);
        return first == 1 ? through : "(" + through + " - " + StatCounters.domainColumn(count, first - 1) + ")";
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
