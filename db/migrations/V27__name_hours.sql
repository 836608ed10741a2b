-- Name candidates counted by channel and local hour (io.channelpulse.terms.NameHours), so the hour buckets of
-- spikes (io.channelpulse.spikes.SpikeCounts) read counts instead of finding the names again in a period's posts.
-- Bounded twice: names only (words have no hourly spikes), and only the hours of the last pulse.terms.name-hours
-- (92 days: hour buckets are asked for recent periods; the hourly alerts need the last hour), because one row per
-- channel, hour and name is about one row per post and name. Older hours are counted from their posts, as before.
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
