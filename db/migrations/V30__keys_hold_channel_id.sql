-- docs/scaling.md distributes every per-channel table by channel_id (Citus), which can only enforce keys that hold
-- it: the two tables keyed by a serial id alone get (channel_id, id). The ids stay unique through their sequences,
-- and every lookup by id alone still works.
ALTER TABLE imports DROP CONSTRAINT imports_pkey, ADD PRIMARY KEY (channel_id, id);

-- The app always knew the channel of a page it could not read; the column now says so, as a distribution column must.
DELETE FROM unparsed_pages WHERE channel_id IS NULL;
ALTER TABLE unparsed_pages ALTER COLUMN channel_id SET NOT NULL,
    DROP CONSTRAINT unparsed_pages_pkey, ADD PRIMARY KEY (channel_id, id);
CREATE INDEX unparsed_pages_id ON unparsed_pages (id);
CREATE INDEX imports_id ON imports (id);
