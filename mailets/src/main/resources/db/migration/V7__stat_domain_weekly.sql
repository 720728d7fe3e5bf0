-- Receiving-domain counters, one row per domain and ISO week (Monday first) with a column per day of the week for
-- each count: events_N (every event of the domain), failed_N (its hard and soft bounces), sent_N (sends reported by
-- addSends and DELIVERED events), N = ISO day of the week (1 = Monday). They replace the domain, domain_failed and
-- domain_sent rows of bg_stat_daily and their weekly sums (bg_stat_weekly, V5): an event adds to one row instead of
-- up to six, and the statistics read five or six rows per domain for a 30-day range instead of up to thirty.
-- Kept by the store in the same transaction as the events. Filled from the old counters by V8 (per database);
-- V9 removes the old ones.
CREATE TABLE bg_stat_domain_weekly (
    week_start        DATE         NOT NULL,
    recipient_domain  VARCHAR(255) NOT NULL,
    events_1          BIGINT       NOT NULL DEFAULT 0,
    events_2          BIGINT       NOT NULL DEFAULT 0,
    events_3          BIGINT       NOT NULL DEFAULT 0,
    events_4          BIGINT       NOT NULL DEFAULT 0,
    events_5          BIGINT       NOT NULL DEFAULT 0,
    events_6          BIGINT       NOT NULL DEFAULT 0,
    events_7          BIGINT       NOT NULL DEFAULT 0,
    failed_1          BIGINT       NOT NULL DEFAULT 0,
    failed_2          BIGINT       NOT NULL DEFAULT 0,
    failed_3          BIGINT       NOT NULL DEFAULT 0,
    failed_4          BIGINT       NOT NULL DEFAULT 0,
    failed_5          BIGINT       NOT NULL DEFAULT 0,
    failed_6          BIGINT       NOT NULL DEFAULT 0,
    failed_7          BIGINT       NOT NULL DEFAULT 0,
    sent_1            BIGINT       NOT NULL DEFAULT 0,
    sent_2            BIGINT       NOT NULL DEFAULT 0,
    sent_3            BIGINT       NOT NULL DEFAULT 0,
    sent_4            BIGINT       NOT NULL DEFAULT 0,
    sent_5            BIGINT       NOT NULL DEFAULT 0,
    sent_6            BIGINT       NOT NULL DEFAULT 0,
    sent_7            BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (week_start, recipient_domain)
);
