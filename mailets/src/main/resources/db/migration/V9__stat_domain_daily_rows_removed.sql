-- The receiving-domain counters now live in bg_stat_domain_monthly (V7, filled by V8): their rows in bg_stat_daily
-- and their weekly sums (bg_stat_weekly, V5/V6) are no longer written, so they go rather than stay as stale copies.
DELETE FROM bg_stat_daily WHERE dimension IN ('domain', 'domain_failed', 'domain_sent');
DROP TABLE bg_stat_weekly;
