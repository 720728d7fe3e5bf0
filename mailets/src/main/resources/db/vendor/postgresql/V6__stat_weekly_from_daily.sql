-- PostgreSQL (db/vendor/postgresql): fills bg_stat_weekly (V5) from the daily counters already kept;
-- date_trunc('week') gives the Monday of the ISO week.
INSERT INTO bg_stat_weekly (week_start, dimension, dim_value, event_count)
SELECT CAST(date_trunc('week', stat_day) AS DATE), dimension, dim_value, SUM(event_count)
FROM bg_stat_daily
WHERE dimension IN ('domain', 'domain_failed', 'domain_sent')
GROUP BY CAST(date_trunc('week', stat_day) AS DATE), dimension, dim_value;
