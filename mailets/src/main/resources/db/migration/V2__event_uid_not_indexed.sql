-- The unique index on event_uid tripled the cost of every event insert on H2. The uid is only needed to
-- skip events already logged when the local spool is replayed; that check now finds candidates through
-- the event_time index (bg_event_time) and compares uids, so the uid needs no index of its own.
DROP INDEX bg_event_uid;
