-- daily_terms summed over channels, as daily_totals is for daily_counts: what /api/terms, the spikes of name
-- candidates and the overview's Spikes panel read when no channel is chosen, so they touch one row per term and
-- day instead of one per channel. Always the sum of daily_terms (io.channelpulse.terms.TermTotals): written by the
-- same delta in the same transaction, pruned, purged and rebuilt with it.
CREATE TABLE daily_term_totals (
    kind  TEXT    NOT NULL CHECK (kind IN ('word', 'name')),
    key   TEXT    NOT NULL,
    day   DATE    NOT NULL,
    posts INTEGER NOT NULL,
    -- a term's days: the 28-day baselines of spikes and the series of /terms
    PRIMARY KEY (kind, key, day)
);
-- the busy terms of a range of days
CREATE INDEX daily_term_totals_days ON daily_term_totals (kind, day) INCLUDE (key, posts);

INSERT INTO daily_term_totals (kind, key, day, posts)
SELECT kind, key, day, sum(posts) FROM daily_terms GROUP BY kind, key, day;
