package io.bounceguard.store;

/** The few statements that differ between H2 and PostgreSQL (the schema itself is shared). */
public enum SqlDialect {
    H2("org.h2.Driver",
            "MERGE INTO bg_stat_daily t USING (VALUES (CAST(? AS DATE), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(255)), CAST(? AS BIGINT)))"
                    + " AS s(stat_day, dimension, dim_value, event_count)"
                    + " ON t.stat_day = s.stat_day AND t.dimension = s.dimension AND t.dim_value = s.dim_value"
                    + " WHEN MATCHED THEN UPDATE SET event_count = t.event_count + s.event_count"
                    + " WHEN NOT MATCHED THEN INSERT (stat_day, dimension, dim_value, event_count)"
                    + " VALUES (s.stat_day, s.dimension, s.dim_value, s.event_count)"),
    POSTGRESQL("org.postgresql.Driver",
            "INSERT INTO bg_stat_daily (stat_day, dimension, dim_value, event_count) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (stat_day, dimension, dim_value)"
                    + " DO UPDATE SET event_count = bg_stat_daily.event_count + EXCLUDED.event_count");

    private final String driverClassName;
    private final String addToStatCounter;

    SqlDialect(String driverClassName, String addToStatCounter) {
        this.driverClassName = driverClassName;
        this.addToStatCounter = addToStatCounter;
    }

    public String driverClassName() {
        return driverClassName;
    }

    /** Adds to a daily counter, creating it; parameters: day, dimension, value, increment. */
    public String addToStatCounter() {
        return addToStatCounter;
    }
}
