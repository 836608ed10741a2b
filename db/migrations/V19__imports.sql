-- Imports of Telegram Desktop exports (issue 14).

-- Where a channel came from: added to be polled, or created by an import because it has no preview to poll.
ALTER TABLE channels ADD COLUMN source TEXT NOT NULL DEFAULT 'preview' CHECK (source IN ('preview', 'import'));

-- One import of one export file, with its progress, so that the API and the admin page can follow it.
CREATE TABLE imports (
    id           BIGSERIAL PRIMARY KEY,
    channel_id   BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    state        TEXT        NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    file_name    TEXT,
    -- zone of the export's local "date" fields, for messages without date_unixtime
    zone         TEXT        NOT NULL,
    read         BIGINT      NOT NULL DEFAULT 0,
    stored       BIGINT      NOT NULL DEFAULT 0,
    skipped      BIGINT      NOT NULL DEFAULT 0,
    -- [{"line", "column", "message", "reason"}]: the file's or a message's problems, the first ones only
    errors       JSONB       NOT NULL DEFAULT '[]',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ
);
CREATE INDEX imports_newest ON imports (created_at DESC);

-- Posts an import stored that no preview page has shown yet. An export holds ids a page never shows (each
-- piece of an album, some service messages), so a page's deletion check must not count them as missing;
-- a page that shows one takes it off this list.
CREATE TABLE import_only_posts (
    channel_id BIGINT NOT NULL,
    post_id    BIGINT NOT NULL,
    PRIMARY KEY (channel_id, post_id),
    FOREIGN KEY (channel_id, post_id) REFERENCES posts (channel_id, id) ON DELETE CASCADE
);
