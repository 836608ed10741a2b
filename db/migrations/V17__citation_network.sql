-- The citation network (issue 11): per citing channel, local day and cited handle (lowercased, as Telegram handles
-- compare without case), the posts that forward it, that name it as @handle or t.me/ link, and that do either
-- (a post doing both cites once). Written in the transaction that stores the posts, like daily_counts.
CREATE TABLE daily_citations (
    channel_id BIGINT  NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    day        DATE    NOT NULL,
    target     TEXT    NOT NULL,
    forwards   INTEGER NOT NULL,
    mentions   INTEGER NOT NULL,
    citations  INTEGER NOT NULL,
    PRIMARY KEY (channel_id, day, target)
);
-- Whole-network periods scan by day; a channel's "cited by" list by target.
CREATE INDEX daily_citations_day ON daily_citations (day);
CREATE INDEX daily_citations_target ON daily_citations (target, day);

-- How long forwards took, as a mergeable sketch: per forwarding channel, day of the forward and source handle, how
-- many forwards had a lag (forward time - source post time) in each logarithmic bucket (network.LagSketch). Only
-- forwards whose source post is stored have a lag; it is added when the later of the two posts is stored.
CREATE TABLE daily_forward_lags (
    channel_id BIGINT   NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    day        DATE     NOT NULL,
    target     TEXT     NOT NULL,
    bucket     SMALLINT NOT NULL,
    forwards   INTEGER  NOT NULL,
    PRIMARY KEY (channel_id, day, target, bucket)
);
CREATE INDEX daily_forward_lags_day ON daily_forward_lags (day);
CREATE INDEX daily_forward_lags_target ON daily_forward_lags (target, day);

-- Posts stored before this migration are counted in by the rollup rebuild (analytics.RollupTimezone), which counts
-- every rollup again from the posts when the zone they were counted in is not recorded.
UPDATE rollup_zone SET zone = NULL WHERE EXISTS (SELECT 1 FROM posts);
