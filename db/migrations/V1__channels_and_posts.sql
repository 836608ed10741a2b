-- Channels and everything read from their preview pages.
-- A post is identified by (channel_id, id); every write to posts is an upsert on that key,
-- so polling a page twice, or two instances polling at once, never stores a post twice.

CREATE TABLE channels (
    id               BIGSERIAL PRIMARY KEY,
    handle           TEXT        NOT NULL,
    title            TEXT,
    description      TEXT,
    verified         BOOLEAN     NOT NULL DEFAULT FALSE,
    avatar_url       TEXT,
    subscribers      BIGINT,
    -- kept by the post upsert so the channel list need not count a million rows
    post_count       BIGINT      NOT NULL DEFAULT 0,
    message_count    BIGINT      NOT NULL DEFAULT 0,
    status           TEXT        NOT NULL DEFAULT 'active'
                     CHECK (status IN ('active', 'paused', 'no_preview', 'failing')),
    added_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_polled_at   TIMESTAMPTZ,
    last_error       TEXT,
    -- set after a 429 with a long Retry-After: no request before then
    not_before       TIMESTAMPTZ,
    -- backfill state, written in the same transaction as the page it came from, so a crash resumes without gaps
    backfill_before  BIGINT,
    backfill_pages   INTEGER     NOT NULL DEFAULT 0,
    backfill_done    BOOLEAN     NOT NULL DEFAULT FALSE,
    -- one poller at a time per channel, also across instances
    poll_lease_until TIMESTAMPTZ,
    poll_lease_owner TEXT
);
-- Telegram handles are case-insensitive.
CREATE UNIQUE INDEX channels_handle_key ON channels (lower(handle));

-- Header counters at every poll, for subscriber growth charts.
CREATE TABLE channel_snapshots (
    channel_id  BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    taken_at    TIMESTAMPTZ NOT NULL,
    subscribers BIGINT,
    photos      BIGINT,
    videos      BIGINT,
    files       BIGINT,
    links       BIGINT,
    PRIMARY KEY (channel_id, taken_at)
);

CREATE TABLE posts (
    channel_id        BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    id                BIGINT      NOT NULL,
    published_at      TIMESTAMPTZ NOT NULL,
    kind              TEXT        NOT NULL CHECK (kind IN ('post', 'service')),
    text              TEXT        NOT NULL,
    views             BIGINT,
    edited            BOOLEAN     NOT NULL DEFAULT FALSE,
    signature         TEXT,
    forwarded_title   TEXT,
    forwarded_handle  TEXT,
    forwarded_post_id BIGINT,
    reply_to          BIGINT,
    links             TEXT[]      NOT NULL DEFAULT '{}',
    hashtags          TEXT[]      NOT NULL DEFAULT '{}',
    mentions          TEXT[]      NOT NULL DEFAULT '{}',
    first_seen_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_id, id)
);
-- GET /api/posts pages newest first with a keyset cursor on (published_at, channel_id, id).
CREATE INDEX posts_newest ON posts (published_at DESC, channel_id DESC, id DESC);

CREATE TABLE post_media (
    channel_id BIGINT  NOT NULL,
    post_id    BIGINT  NOT NULL,
    position   INTEGER NOT NULL,
    type       TEXT    NOT NULL,
    url        TEXT,
    title      TEXT,
    site       TEXT,
    items      INTEGER,
    options    TEXT[]  NOT NULL DEFAULT '{}',
    PRIMARY KEY (channel_id, post_id, position),
    FOREIGN KEY (channel_id, post_id) REFERENCES posts (channel_id, id) ON DELETE CASCADE
);

CREATE TABLE post_reactions (
    channel_id BIGINT  NOT NULL,
    post_id    BIGINT  NOT NULL,
    position   INTEGER NOT NULL,
    emoji      TEXT    NOT NULL,
    count      BIGINT  NOT NULL,
    PRIMARY KEY (channel_id, post_id, position),
    FOREIGN KEY (channel_id, post_id) REFERENCES posts (channel_id, id) ON DELETE CASCADE
);

-- A row whenever a poll sees a post's view count change, for views-over-time charts.
CREATE TABLE post_views (
    channel_id BIGINT      NOT NULL,
    post_id    BIGINT      NOT NULL,
    seen_at    TIMESTAMPTZ NOT NULL,
    views      BIGINT      NOT NULL,
    PRIMARY KEY (channel_id, post_id, seen_at),
    FOREIGN KEY (channel_id, post_id) REFERENCES posts (channel_id, id) ON DELETE CASCADE
);

-- The text a post had before an edit was seen.
CREATE TABLE post_edits (
    channel_id    BIGINT      NOT NULL,
    post_id       BIGINT      NOT NULL,
    seen_at       TIMESTAMPTZ NOT NULL,
    previous_text TEXT        NOT NULL,
    PRIMARY KEY (channel_id, post_id, seen_at),
    FOREIGN KEY (channel_id, post_id) REFERENCES posts (channel_id, id) ON DELETE CASCADE
);

-- Pages that did not parse, kept for inspection.
CREATE TABLE unparsed_pages (
    id         BIGSERIAL PRIMARY KEY,
    channel_id BIGINT      REFERENCES channels (id) ON DELETE CASCADE,
    url        TEXT        NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    error      TEXT        NOT NULL,
    body       TEXT        NOT NULL
);

-- Small app-wide values, such as the hash of a generated admin password.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
