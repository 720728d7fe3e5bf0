-- H2 (db/vendor/h2): fills bg_stat_weekly (V5) from the daily counters already kept; the Monday of each day's
-- ISO week is the day minus its ISO day of the week plus one.
INSERT INTO bg_stat_weekly (week_start, dimension, dim_value, event_count)
SELECT DATEADD(DAY, 1 - ISO_DAY_OF_WEEK(stat_day), stat_day), dimension, dim_value, SUM(event_count)
FROM bg_stat_daily
WHERE dimension IN ('domain', 'domain_failed', 'domain_sent')
GROUP BY DATEADD(DAY, 1 - ISO_DAY_OF_WEEK(stat_day), stat_day), dimension, dim_value;
