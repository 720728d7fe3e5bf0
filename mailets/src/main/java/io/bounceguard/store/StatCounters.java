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
 * <p>The small dimensions (reason, bounce type, source: a few dozen values a day) have a row per day and value in
 * {@code bg_stat_daily}. The three receiving-domain dimensions share one row per domain and calendar month (UTC)
 * in {@code bg_stat_domain_monthly} (V7-V9), with a column per day of the month for each count, holding
 * the count from the first of the month through that day ({@code events_to_1 .. events_to_31},
 * {@code failed_to_1 ..}, {@code sent_to_1 ..}), so that any days of a month are one subtraction: an event adds to
 * one domain row (its day's column and the later ones) instead
 * of up to six (three daily rows and their three weekly sums, V5), and a 30-day range reads two rows per domain
 * (three when it spans a February) instead of up to thirty.
 */
public final class StatCounters {
    public static final String REASON = "reason";
    public static final String BOUNCE_TYPE = "bounce_type";
    public static final String SOURCE = "source";
    public static final String DOMAIN = "domain";
    public static final String DOMAIN_FAILED = "domain_failed";
    public static final String DOMAIN_SENT = "domain_sent";

    private static final Table DAILY = new Table("bg_stat_daily", "stat_day");

    /** The receiving-domain counters: one row per domain and calendar month (UTC), for each count a column per day of the month holding the count from the first through that day. */
    public static final String DOMAIN_TABLE = "bg_stat_domain_monthly";
    /** The counts of a domain row, in column order: events, failed, sent. */
    private static final List<String> DOMAIN_COUNTS = List.of("events", "failed", "sent");
    private static final List<String> DOMAIN_DIMENSIONS = List.of(DOMAIN, DOMAIN_FAILED, DOMAIN_SENT);

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

    /** True for the receiving-domain dimensions, kept in {@value #DOMAIN_TABLE} rather than {@code bg_stat_daily}. */
    public static boolean isDomainDimension(String dimension) {
        return DOMAIN_DIMENSIONS.contains(dimension);
    }

    /** The days of a domain row: one column per day of the month and count. */
    public static final int ROW_DAYS = 31;

    /** The first day of the (UTC) calendar month of {@code day}: the row of {@value #DOMAIN_TABLE} that counts it. */
    public static LocalDate monthOf(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    /**
     * The column of {@value #DOMAIN_TABLE} that holds {@code count} (events, failed, sent) from the first of the month
     * through day {@code day}: the counts of days {@code a..b} of a month are {@code count_to_b - count_to_(a-1)}.
     */
    public static String domainColumn(String count, int day) {
        if (!DOMAIN_COUNTS.contains(count) || day < 1 || day > ROW_DAYS) {
            throw new IllegalArgumentException(count + "_to_" + day);
        }
        return count + "_to_" + day;
    }

    /** One row of {@value #DOMAIN_TABLE}: a receiving domain's counts for each day of one month. */
    public record DomainMonth(LocalDate month, String domain) {
    }

    /**
     * The domain-row increments that go with counter increments: the receiving-domain dimensions of {@code increments}
     * by domain and month, each a {@code long[93]} in column order: events, failed and sent, each through days 1..31
     * (a day's count adds to its own column and every later one).
     */
    public static Map<DomainMonth, long[]> domainIncrements(Map<Key, Long> increments) {
        Map<DomainMonth, long[]> rows = new HashMap<>();
        increments.forEach((key, count) -> {
            int slot = DOMAIN_DIMENSIONS.indexOf(key.dimension());
            if (slot >= 0) {
                long[] counts = rows.computeIfAbsent(new DomainMonth(monthOf(key.day()), key.value()), k -> new long[3 * ROW_DAYS]);
                for (int day = key.day().getDayOfMonth(); day <= ROW_DAYS; day++) {
                    counts[slot * ROW_DAYS + day - 1] += count;
                }
            }
        });
        return rows;
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
     * Adds the increments: the small dimensions to the daily counters, the receiving-domain ones to their domain's
     * month row. Each table in key order, daily first (so concurrent writers lock rows in the same order).
     */
    public void add(Connection connection, Map<Key, Long> increments) throws SQLException {
        Map<Key, Long> daily = new HashMap<>();
        increments.forEach((key, count) -> {
            if (!isDomainDimension(key.dimension())) {
                daily.put(key, count);
            }
        });
        addTo(connection, DAILY, daily);
        addDomainRows(connection, domainIncrements(increments));
    }

    private static final String DOMAIN_COLUMNS = domainColumns();

    private static String domainColumns() {
        List<String> columns = new ArrayList<>();
        for (String count : DOMAIN_COUNTS) {
            for (int day = 1; day <= ROW_DAYS; day++) {
                columns.add(domainColumn(count, day));
            }
        }
        return String.join(", ", columns);
    }

    private static final String DOMAIN_INSERT = "INSERT INTO " + DOMAIN_TABLE + " (month_start, recipient_domain, "
            + DOMAIN_COLUMNS + ") VALUES (?, ?" + ", ?".repeat(3 * ROW_DAYS) + ")";

    private static final String DOMAIN_UPSERT = DOMAIN_INSERT + " ON CONFLICT (month_start, recipient_domain) DO UPDATE SET "
            + DOMAIN_COLUMNS.replaceAll("(\\w+)", "$1 = " + DOMAIN_TABLE + ".$1 + EXCLUDED.$1");

    private static final String DOMAIN_UPDATE = "UPDATE " + DOMAIN_TABLE + " SET "
            + DOMAIN_COLUMNS.replaceAll("(\\w+)", "$1 = $1 + ?") + " WHERE month_start = ? AND recipient_domain = ?";

    /** Adds to the domain rows, one statement shape for every row whatever days it touches, in (month, domain) order. */
    private void addDomainRows(Connection connection, Map<DomainMonth, long[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<Map.Entry<DomainMonth, long[]>> ordered = new ArrayList<>(rows.entrySet());
        ordered.sort(Map.Entry.comparingByKey((a, b) -> {
            int c = a.month().compareTo(b.month());
            return c != 0 ? c : a.domain().compareTo(b.domain());
        }));
        if (dialect.supportsOnConflict()) {
            try (PreparedStatement upsert = connection.prepareStatement(DOMAIN_UPSERT)) {
                for (Map.Entry<DomainMonth, long[]> row : ordered) {
                    bindDomainInsert(upsert, row.getKey(), row.getValue());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return;
        }
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement(DOMAIN_UPDATE)) {
            for (Map.Entry<DomainMonth, long[]> row : ordered) {
                long[] counts = row.getValue();
                for (int i = 0; i < counts.length; i++) {
                    update.setLong(i + 1, counts[i]);
                }
                update.setDate(3 * ROW_DAYS + 1, Date.valueOf(row.getKey().month()));
                update.setString(3 * ROW_DAYS + 2, row.getKey().domain());
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(DOMAIN_INSERT)) {
            boolean any = false;
            for (int i = 0; i < ordered.size(); i++) {
                if (updated[i] == 0) {
                    bindDomainInsert(insert, ordered.get(i).getKey(), ordered.get(i).getValue());
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private static void bindDomainInsert(PreparedStatement statement, DomainMonth row, long[] counts) throws SQLException {
        statement.setDate(1, Date.valueOf(row.month()));
        statement.setString(2, row.domain());
        for (int i = 0; i < counts.length; i++) {
            statement.setLong(i + 3, counts[i]);
        }
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
        if (isDomainDimension(dimension)) {
            return readDomain(connection, dimension, from, to);
        }
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

    /** The daily counters of a receiving-domain dimension, unfolded from the domain rows (days with a count of 0 left out). */
    private static List<Counter> readDomain(Connection connection, String dimension, LocalDate from, LocalDate to)
            throws SQLException {
        String count = DOMAIN_COUNTS.get(DOMAIN_DIMENSIONS.indexOf(dimension));
        List<String> columns = new ArrayList<>();
        for (int day = 1; day <= ROW_DAYS; day++) {
            columns.add(domainColumn(count, day));
        }
        List<Counter> counters = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT month_start, recipient_domain, "
                + String.join(", ", columns) + " FROM " + DOMAIN_TABLE + " WHERE month_start >= ? AND month_start <= ?")) {
            select.setDate(1, Date.valueOf(monthOf(from)));
            select.setDate(2, Date.valueOf(monthOf(to)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    LocalDate month = rs.getDate(1).toLocalDate();
                    long before = 0;
                    for (int day = 0; day < month.lengthOfMonth(); day++) {
                        LocalDate date = month.plusDays(day);
                        long through = rs.getLong(3 + day);
                        long n = through - before;
                        before = through;
                        if (n != 0 && !date.isBefore(from) && !date.isAfter(to)) {
                            counters.add(new Counter(date, dimension, rs.getString(2), n));
                        }
                    }
                }
            }
        }
        counters.sort(java.util.Comparator.comparing(Counter::day).thenComparing(Counter::value));
        return counters;
    }
}
