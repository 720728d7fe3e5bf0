-- The policy's fold state per address and scope, beside the status it produced (JSON, written by the extension's
-- FoldCodec): the counters, the suppression, the soft bounces in the window and the last event folded. A batch of
-- new events then reads one status row per address and scope and folds on from it, instead of reading each
-- address's whole history from bg_event. Rows written before this version have none and are folded again from the
-- log the next time an event arrives for them.
ALTER TABLE bg_address_status ADD COLUMN fold VARCHAR(100000);
