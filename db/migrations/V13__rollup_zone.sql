-- The zone the rollups count local days in (pulse.timezone when they were counted) and, while a change of it is
-- being counted in, how far: every post up to (cursor_channel, cursor_post), in the order of channel and post ids,
-- is in the rollups and the rest are not yet. The rebuild writes the cursor in the same transaction as each batch,
-- so a restart goes on where it stopped; ingestion reads it under the channel lock to count each post once.
CREATE TABLE rollup_zone (
    single         BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (single),
    zone           TEXT,
    rebuilding     BOOLEAN     NOT NULL DEFAULT FALSE,
    cursor_channel BIGINT      NOT NULL DEFAULT 0,
    cursor_post    BIGINT      NOT NULL DEFAULT 0,
    started_at     TIMESTAMPTZ
);
INSERT INTO rollup_zone (zone) SELECT (SELECT value FROM settings WHERE key = 'rollups.timezone');
DELETE FROM settings WHERE key = 'rollups.timezone';
