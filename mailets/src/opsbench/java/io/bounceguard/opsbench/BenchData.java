package io.bounceguard.opsbench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.StatCounters;

/**
 * Fills a fresh store with {@code n} events spread over 90 days, 1,000 receiving domains and 200,000 addresses,
 * with the daily counters the store keeps for them and 90 % of the events checked. Event uids are ascending (the
 * store's are random UUIDs) only so that filling a million rows does not thrash the uid index's cache.
 */
final class BenchData {
    static final int DOMAINS = 1_000;
    static final int ADDRESSES = 200_000;
    static final int DAYS = 90;
    static final String[] REASONS = {"userunknown", "userunknown", "userunknown", "mailboxfull", "mailboxfull", "hostunknown",
        "filtered", "blocked", "spamdetected", "expired", "delivered", "delivered", "delivered", "delivered", "suspend",
        "policyviolation", "rejected", "toomanyconn", "systemerror", "networkerror"};
    static final String[] SOURCES = {"INBOUND_DSN", "INBOUND_DSN", "REMOTE_DELIVERY", "NONSTANDARD_BOUNCE", "COMPLAINT"};

    private BenchData() {
    }

    static String domain(int i) {
        return "d" + i + ".example";
    }

    static String address(int i) {
        return "user" + i + "@" + domain(i % DOMAINS);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static void fill(BounceStore store, int n) throws Exception {
        Random random = new Random(42);
        Instant end = now();
        long span = DAYS * 86_400L;
        Map<StatCounters.Key, Long> counters = new HashMap<>();
        String sql = "INSERT INTO bg_event (event_uid, event_time, recorded_at, recipient, address_key, recipient_domain,"
            + " original_sender, scope, source, kind, action, status, reply_code, reason, bounce_type, diagnostic, remote_mta,"
            + " reporting_mta, message_id, verified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = 0; i < n; i++) {
                    int a = random.nextInt(ADDRESSES);
                    String recipient = address(a);
                    String domain = domain(a % DOMAINS);
                    String reason = REASONS[random.nextInt(REASONS.length)];
                    boolean delivered = reason.equals("delivered");
                    String source = delivered ? "DELIVERED" : SOURCES[random.nextInt(SOURCES.length)];
                    String type = delivered ? "none" : reason.equals("userunknown") || reason.equals("hostunknown") ? "hard" : "soft";
                    Instant time = end.minusSeconds(span - (span * i / n));
                    int c = 1;
                    insert.setString(c++, String.format("%08x-0000-4000-8000-%012x", i, i));
                    insert.setTimestamp(c++, Timestamp.from(time));
                    insert.setTimestamp(c++, Timestamp.from(time));
                    insert.setString(c++, recipient);
                    insert.setString(c++, recipient);
                    insert.setString(c++, domain);
                    insert.setString(c++, "news@sender.example");
                    insert.setString(c++, "sender.example");
                    insert.setString(c++, source);
                    insert.setString(c++, "dsn");
                    insert.setString(c++, delivered ? "delivered" : "failed");
                    insert.setString(c++, type.equals("hard") ? "5.1.1" : "4.2.2");
                    insert.setInt(c++, type.equals("hard") ? 550 : 452);
                    insert.setString(c++, reason);
                    insert.setString(c++, type);
                    insert.setString(c++, (type.equals("hard") ? "550 5.1.1 <" : "452 4.2.2 <") + recipient
                        + ">: Recipient address rejected, \"ユーザー不明\" =cmd|' /C calc'!A0");
                    insert.setString(c++, "mx." + domain);
                    insert.setString(c++, "mta.sender.example");
                    insert.setString(c++, "<m" + i + "@sender.example>");
                    insert.setBoolean(c, random.nextBoolean());
                    insert.addBatch();
                    count(counters, time, reason, type, source, domain);
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
            }
            insertCounters(store, connection, counters);
            try (Statement ack = connection.createStatement()) {
                ack.executeUpdate("INSERT INTO bg_event_ack (event_id, acked_at, acked_by) SELECT id, event_time, 'bench'"
                    + " FROM bg_event WHERE MOD(id, 10) <> 0");
            }
            connection.commit();
        }
    }

    /**
     * The counters through the store's own {@link StatCounters#add} (daily rows of the small dimensions, one row per
     * receiving domain and week), with the whole load's increments at once: the same rows as the writer's batches.
     */
    private static void insertCounters(BounceStore store, Connection connection, Map<StatCounters.Key, Long> counters)
            throws Exception {
        new StatCounters(store.dialect()).add(connection, counters);
    }

    private static void count(Map<StatCounters.Key, Long> counters, Instant time, String reason, String type, String source,
                              String domain) {
        LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
        counters.merge(new StatCounters.Key(day, StatCounters.REASON, reason), 1L, Long::sum);
        counters.merge(new StatCounters.Key(day, StatCounters.BOUNCE_TYPE, type), 1L, Long::sum);
        counters.merge(new StatCounters.Key(day, StatCounters.SOURCE, source.toLowerCase()), 1L, Long::sum);
        counters.merge(new StatCounters.Key(day, StatCounters.DOMAIN, domain), 1L, Long::sum);
        if (type.equals("hard") || type.equals("soft")) {
            counters.merge(new StatCounters.Key(day, StatCounters.DOMAIN_FAILED, domain), 1L, Long::sum);
        }
        if (source.equals("DELIVERED")) {
            counters.merge(new StatCounters.Key(day, StatCounters.DOMAIN_SENT, domain), 1L, Long::sum);
        }
    }
}
