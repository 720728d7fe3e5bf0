-- H2 (db/vendor/h2): fills bg_stat_domain_weekly (V7) from the receiving-domain counters of bg_stat_daily: the
-- Monday of each day's ISO week is the day minus its ISO day of the week plus one, and the day's count goes to the
-- column of its ISO day of the week. V9 then removes the daily rows.
INSERT INTO bg_stat_domain_weekly (week_start, recipient_domain,
    events_1, events_2, events_3, events_4, events_5, events_6, events_7,
    failed_1, failed_2, failed_3, failed_4, failed_5, failed_6, failed_7,
    sent_1, sent_2, sent_3, sent_4, sent_5, sent_6, sent_7)
SELECT DATEADD(DAY, 1 - ISO_DAY_OF_WEEK(stat_day), stat_day), dim_value,
       SUM(CASE WHEN dimension = 'domain' AND ISO_DAY_OF_WEEK(stat_day) = 1 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain' AND ISO_DAY_OF_WEEK(stat_day) = 2 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain' AND ISO_DAY_OF_WEEK(stat_day) = 3 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain' AND ISO_DAY_OF_WEEK(stat_day) = 4 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain' AND ISO_DAY_OF_WEEK(stat_day) = 5 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain' AND ISO_DAY_OF_WEEK(stat_day) = 6 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain' AND ISO_DAY_OF_WEEK(stat_day) = 7 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_failed' AND ISO_DAY_OF_WEEK(stat_day) = 1 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_failed' AND ISO_DAY_OF_WEEK(stat_day) = 2 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_failed' AND ISO_DAY_OF_WEEK(stat_day) = 3 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_failed' AND ISO_DAY_OF_WEEK(stat_day) = 4 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_failed' AND ISO_DAY_OF_WEEK(stat_day) = 5 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_failed' AND ISO_DAY_OF_WEEK(stat_day) = 6 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_failed' AND ISO_DAY_OF_WEEK(stat_day) = 7 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_sent' AND ISO_DAY_OF_WEEK(stat_day) = 1 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_sent' AND ISO_DAY_OF_WEEK(stat_day) = 2 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_sent' AND ISO_DAY_OF_WEEK(stat_day) = 3 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_sent' AND ISO_DAY_OF_WEEK(stat_day) = 4 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_sent' AND ISO_DAY_OF_WEEK(stat_day) = 5 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_sent' AND ISO_DAY_OF_WEEK(stat_day) = 6 THEN event_count ELSE 0 END),
       SUM(CASE WHEN dimension = 'domain_sent' AND ISO_DAY_OF_WEEK(stat_day) = 7 THEN event_count ELSE 0 END)
FROM bg_stat_daily
WHERE dimension IN ('domain', 'domain_failed', 'domain_sent')
GROUP BY DATEADD(DAY, 1 - ISO_DAY_OF_WEEK(stat_day), stat_day), dim_value;
