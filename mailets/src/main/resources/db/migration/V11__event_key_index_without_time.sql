-- The per-address index of the event log, without event_time. Each event adds an entry to it at a random place
-- (addresses arrive in no order), so a batch rewrites about one page of this index per event. On H2 this index was
-- most of the cost of an event insert, and the timestamp in each entry made it dearer still: with the address alone
-- H2 wrote the event rows x1.25-1.72 as fast in interleaved runs, the whole policy path x1.00-1.11 (docs/store.md,
-- "Session 8"). Reads by address still find an address's events in one range of the index and sort those few by
-- time in memory.
DROP INDEX bg_event_key_time;
CREATE INDEX bg_event_key ON bg_event (address_key);
