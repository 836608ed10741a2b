-- When each channel's next check is due, written by the poll that just ended (PollInterval: its own posting
-- rate, between pulse.poll.min and pulse.poll.max), so every instance on the database agrees on which channels
-- are due. NULL means at once: a channel never polled, or every channel right after this migration.
ALTER TABLE channels ADD COLUMN next_poll_at TIMESTAMPTZ;
CREATE INDEX channels_due ON channels (next_poll_at NULLS FIRST) WHERE status <> 'paused';

-- Request slots are kept per egress address (pulse.telegram.egress) and host: instances that reach t.me from
-- their own addresses keep their own gaps and do not slow each other. The slots are worth nothing after a crash
-- (the next request simply goes a gap later), so the table is unlogged: reserving a slot costs no WAL flush.
DELETE FROM request_pacing;
ALTER TABLE request_pacing ADD COLUMN egress TEXT NOT NULL;
ALTER TABLE request_pacing DROP CONSTRAINT request_pacing_pkey, ADD PRIMARY KEY (egress, host);
ALTER TABLE request_pacing SET UNLOGGED;
