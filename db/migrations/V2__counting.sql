-- What is counted, by channel and local day (pulse.timezone), kept up to date by the post upsert
-- in the same transaction as the post. Day, week and month series and the top lists read only these.

CREATE TABLE watched_entities (
    key        TEXT PRIMARY KEY CHECK (key ~ '^[a-z0-9_]{1,40}$'),
    label      TEXT        NOT NULL,
    aliases    TEXT[]      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Posts (not service messages) and the sum of their current views, by the day they were published.
CREATE TABLE daily_posts (
    channel_id BIGINT  NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    day        DATE    NOT NULL,
    posts      INTEGER NOT NULL,
    views      BIGINT  NOT NULL,
    PRIMARY KEY (channel_id, day)
);
-- SeriesQuery over all channels reads a range of days.
CREATE INDEX daily_posts_day ON daily_posts (day);

-- Posts naming a topic (hashtag key), a mention (watched entity key or handle) or a forward source.
CREATE TABLE daily_counts (
    metric     TEXT    NOT NULL CHECK (metric IN ('topic', 'mention', 'forward')),
    key        TEXT    NOT NULL,
    channel_id BIGINT  NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    day        DATE    NOT NULL,
    posts      INTEGER NOT NULL,
    -- SeriesQuery: one key over a range of days
    PRIMARY KEY (metric, key, day, channel_id)
);
-- TopQuery: every key of a metric over a range of days, without touching the table.
CREATE INDEX daily_counts_top ON daily_counts (metric, day) INCLUDE (key, channel_id, posts);

-- How a topic is spelled (#OSCE, #osce), to label it by its most frequent spelling.
CREATE TABLE topic_spellings (
    key      TEXT   NOT NULL,
    spelling TEXT   NOT NULL,
    posts    BIGINT NOT NULL,
    PRIMARY KEY (key, spelling)
);

-- The latest title seen for a forward source, to label it.
CREATE TABLE forward_sources (
    key    TEXT PRIMARY KEY,
    handle TEXT NOT NULL,
    title  TEXT
);

-- Search and filters on posts (PostQuery): full text with the russian configuration, which stems
-- Cyrillic words as Russian and Latin ones as English; tags and mentions as arrays.
CREATE INDEX posts_text_search ON posts USING GIN (to_tsvector('russian', text));
CREATE INDEX posts_hashtags ON posts USING GIN (hashtags);
CREATE INDEX posts_mentions ON posts USING GIN (mentions);
