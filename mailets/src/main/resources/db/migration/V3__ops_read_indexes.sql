-- Indexes for the ops routes' reads (docs/ops.md, "Figures"). Plain indexes, so the file runs unchanged on H2 and
-- PostgreSQL.

-- The event list by receiving domain is ordered by (event_time, id). With id in the index both databases read a
-- page off the index; with (recipient_domain, event_time) alone H2 read and sorted every event of the domain and
-- PostgreSQL added an incremental sort. Same name, so every query that used the old index uses this one.
DROP INDEX bg_event_domain_time;
CREATE INDEX bg_event_domain_time ON bg_event (recipient_domain, event_time, id);

-- The statistics read named dimensions over a day range. The primary key starts with stat_day, so such a read
-- visited every dimension's rows of each day; this index reads only the dimensions asked for, and carries the
-- count so that PostgreSQL answers from the index alone.
CREATE INDEX bg_stat_daily_dimension ON bg_stat_daily (dimension, stat_day, dim_value, event_count);
