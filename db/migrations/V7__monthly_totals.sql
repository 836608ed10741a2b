-- daily_totals summed by month. TopQuery reads whole months from here and only the partial months at the
-- edges of a period from daily_totals: a year of topics is then hundreds of rows per key instead of thousands.
-- Kept by the same upserts as daily_totals.
CREATE TABLE monthly_totals (
    metric TEXT    NOT NULL CHECK (metric IN ('topic', 'mention', 'forward')),
    key    TEXT    NOT NULL,
    month  DATE    NOT NULL,
    posts  INTEGER NOT NULL,
    PRIMARY KEY (metric, key, month)
);
-- TopQuery: every key of a metric over a list of months, from the index alone.
CREATE INDEX monthly_totals_top ON monthly_totals (metric, month) INCLUDE (key, posts);

INSERT INTO monthly_totals (metric, key, month, posts)
SELECT metric, key, date_trunc('month', day)::date, sum(posts) FROM daily_totals GROUP BY 1, 2, 3;
