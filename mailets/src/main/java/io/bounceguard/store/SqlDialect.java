package io.bounceguard.store;

/** The few statements that differ between H2 and PostgreSQL (the schema itself is shared). */
public enum SqlDialect {
    H2("org.h2.Driver",
            "MERGE INTO bg_address_status (" + Columns.STATUS + ") KEY (address_key, scope) VALUES (" + Columns.STATUS_PARAMETERS + ")",
            "MERGE INTO bg_suppression (" + Columns.ENTRY + ") KEY (address_key, scope) VALUES (" + Columns.ENTRY_PARAMETERS + ")",
            "MERGE INTO bg_stat_daily t USING (VALUES (CAST(? AS DATE), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(255)), CAST(? AS BIGINT)))"
                    + " AS s(stat_day, dimension, dim_value, event_count)"
                    + " ON t.stat_day = s.stat_day AND t.dimension = s.dimension AND t.dim_value = s.dim_value"
                    + " WHEN MATCHED THEN UPDATE SET event_count = t.event_count + s.event_count"
                    + " WHEN NOT MATCHED THEN INSERT (stat_day, dimension, dim_value, event_count)"
                    + " VALUES (s.stat_day, s.dimension, s.dim_value, s.event_count)"),
    POSTGRESQL("org.postgresql.Driver",
            "INSERT INTO bg_address_status (" + Columns.STATUS + ") VALUES (" + Columns.STATUS_PARAMETERS + ")"
                    + " ON CONFLICT (address_key, scope) DO UPDATE SET " + Columns.updateAll(Columns.STATUS),
            "INSERT INTO bg_suppression (" + Columns.ENTRY + ") VALUES (" + Columns.ENTRY_PARAMETERS + ")"
                    + " ON CONFLICT (address_key, scope) DO UPDATE SET " + Columns.updateAll(Columns.ENTRY),
            "INSERT INTO bg_stat_daily (stat_day, dimension, dim_value, event_count) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (stat_day, dimension, dim_value)"
                    + " DO UPDATE SET event_count = bg_stat_daily.event_count + EXCLUDED.event_count");

    private final String driverClassName;
    private final String upsertStatus;
    private final String upsertEntry;
    private final String addToStatCounter;

    SqlDialect(String driverClassName, String upsertStatus, String upsertEntry, String addToStatCounter) {
        this.driverClassName = driverClassName;
        this.upsertStatus = upsertStatus;
        this.upsertEntry = upsertEntry;
        this.addToStatCounter = addToStatCounter;
    }

    /** The column lists of the upserts. */
    static final class Columns {
        static final String STATUS = "address_key, scope, state, reason, rule_name, state_since, state_until, hard_count,"
                + " soft_count, complaint_count, sender_side_count, delivered_count, last_event_time, updated_at";
        static final String STATUS_PARAMETERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
        static final String ENTRY = "address_key, scope, origin, reason, rule_name, suppressed_since, suppressed_until,"
                + " event_id, updated_at";
        static final String ENTRY_PARAMETERS = "?, ?, ?, ?, ?, ?, ?, ?, ?";

        private Columns() {
        }

        static String updateAll(String columns) {
            StringBuilder set = new StringBuilder();
            for (String column : columns.split(",")) {
                String name = column.trim();
                if (!name.equals("address_key") && !name.equals("scope")) {
                    set.append(set.length() == 0 ? "" : ", ").append(name).append(" = EXCLUDED.").append(name);
                }
            }
            return set.toString();
        }
    }

    /** Inserts or replaces an address status; parameters in the order of {@link Columns#STATUS}. */
    public String upsertStatus() {
        return upsertStatus;
    }

    /** Inserts or replaces a suppression entry; parameters in the order of {@link Columns#ENTRY}. */
    public String upsertEntry() {
        return upsertEntry;
    }

    public String driverClassName() {
        return driverClassName;
    }

    /** Adds to a daily counter, creating it; parameters: day, dimension, value, increment. */
    public String addToStatCounter() {
        return addToStatCounter;
    }
}
