-- H2 only (db/vendor/h2). H2 hands out identity values from a cache of 32 and, each time it runs out, commits
-- the sequence's new state in a transaction of its own; with WRITE_DELAY 0 (durable commits) each of those
-- commits writes the whole store, 16 of them for a batch of 500 events. A cache of 1,024 keeps the order of
-- ids (H2's cache is shared by all sessions); a crash skips at most the rest of the cache.
ALTER TABLE bg_event ALTER COLUMN id SET CACHE 1024;
ALTER TABLE bg_suppression_change ALTER COLUMN seq SET CACHE 1024;
