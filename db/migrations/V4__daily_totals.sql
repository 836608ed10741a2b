-- daily_counts summed over channels. TopQuery and SeriesQuery read it when no channel filter is given:
-- a year of a metric is then a few tens of thousands of rows instead of hundreds of thousands.
-- Kept by the same upserts as daily_counts; a purged channel's counts are subtracted before it goes.
CREATE TABLE daily_totals (
    metric TEXT    NOT NULL CHECK (metric IN ('topic', 'mention', 'forward')),
    key    TEXT    NOT NULL,
    day    DATE    NOT NULL,
    posts  INTEGER NOT NULL,
    -- SeriesQuery: one key over a range of days
    PRIMARY KEY (metric, key, day)
);
-- TopQuery: every key of a metric over a range of days, from the index alone.
CREATE INDEX daily_totals_top ON daily_totals (metric, day) INCLUDE (key, posts);

INSERT INTO daily_totals (metric, key, day, posts)
SELECT metric, key, day, sum(posts) FROM daily_counts GROUP BY metric, key, day;
