-- Weekly sums of the receiving-domain counters (domain, domain_failed, domain_sent), which have a row per domain
-- and day: the statistics read a range as its full ISO weeks (Monday first) from here and its edge days from
-- bg_stat_daily, a seventh of the rows. Kept by the store in the same transaction as the daily counters.
CREATE TABLE bg_stat_weekly (
    week_start   DATE         NOT NULL,
    dimension    VARCHAR(16)  NOT NULL,
    dim_value    VARCHAR(255) NOT NULL,
    event_count  BIGINT       NOT NULL,
    PRIMARY KEY (dimension, week_start, dim_value)
);
-- With the count, so that PostgreSQL answers from the index alone (as bg_stat_daily_dimension in V3).
CREATE INDEX bg_stat_weekly_read ON bg_stat_weekly (dimension, week_start, dim_value, event_count);
