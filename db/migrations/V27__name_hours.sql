-- Name candidates counted by channel and local hour (io.channelpulse.terms.NameHours), so the hour buckets of
-- spikes (io.channelpulse.spikes.SpikeCounts) read counts instead of finding the names again in a period's posts.
-- Bounded twice: names only (words have no hourly spikes), and only the hours of the last pulse.terms.name-hours
-- (92 days: hour buckets are asked for recent periods; the hourly alerts need the last hour), because one row per
-- channel, hour and name is about one row per post and name. Older hours, and those of posts stored before this
-- migration until terms/NameHoursFill has counted them (name_hours_since), are counted from their posts, as before.
-- Written by the same delta as daily_terms in the same transaction, rebuilt with it and purged with the channel;
-- every change of it changes daily_term_totals too, whose V24 trigger bumps network_version for kept answers.
CREATE TABLE name_hours (
    hour       TIMESTAMPTZ NOT NULL,
    channel_id BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    key        TEXT        NOT NULL,
    posts      INTEGER     NOT NULL,
    -- the one index: the busy hours of a period (all channels or some) and the prune of old hours read hour ranges
    PRIMARY KEY (hour, channel_id, key)
);

-- The hour from which name_hours holds every post: the posts stored before this migration were never written to it,
-- so on a database that had posts it starts after the newest of them, until terms/NameHoursFill has counted the
-- window's posts and sets it to -infinity; on a new one, with no posts, it is -infinity at once.
CREATE TABLE name_hours_since (
    one   BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    since TIMESTAMPTZ NOT NULL
);
INSERT INTO name_hours_since (since)
SELECT COALESCE(date_trunc('hour', max(published_at)) + interval '1 hour', '-infinity') FROM posts;
