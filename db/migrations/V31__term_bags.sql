-- Terms cost more than all other counting together: one daily_terms row per channel, day and term is five or six
-- index upserts per post, and daily_term_totals as many again, which made storing twice as slow as without terms.
-- A channel's terms of a day are now one row per kind, the keys with their posts side by side: a batch of a
-- thousand posts writes a few dozen rows instead of ten thousand. daily_terms stays as the view of those rows that
-- the readers always had (io.channelpulse.terms.TermQuery, spikes.SpikeCounts), read through the (channel, day) key.
CREATE TABLE channel_day_terms (
    channel_id BIGINT  NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    day        DATE    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('word', 'name')),
    keys       TEXT[]  NOT NULL,
    posts      INTEGER[] NOT NULL,
    PRIMARY KEY (channel_id, day, kind),
    CHECK (cardinality(keys) = cardinality(posts) AND cardinality(keys) > 0)
);
-- the rows that still hold terms of one post: the singleton prune reads only those of days past its window (a batch
-- leaves none in days already past it), not every row of the years before
CREATE INDEX channel_day_terms_singletons ON channel_day_terms (day) WHERE 1 = ANY (posts);

INSERT INTO channel_day_terms (channel_id, day, kind, keys, posts)
SELECT channel_id, day, kind, array_agg(key ORDER BY key), array_agg(posts ORDER BY key)
FROM daily_terms WHERE posts > 0 GROUP BY channel_id, day, kind;

DROP TABLE daily_terms;
CREATE VIEW daily_terms AS
SELECT bag.channel_id, bag.day, bag.kind, term.key, term.posts
FROM channel_day_terms bag CROSS JOIN LATERAL unnest(bag.keys, bag.posts) AS term (key, posts);

-- daily_term_totals is no longer added to by every batch (the same hot rows from every channel): a batch queues
-- what it changed of its channel's terms here, as one row of parallel arrays, in its own transaction, and
-- io.channelpulse.terms.TermTotals adds the queued changes, summed over all batches since, to the totals: before the
-- totals are read, and every pulse.terms.sum-every. The queue is only inserted into and deleted from, never updated,
-- so no batch waits for another or for a summing, and a change is seen exactly when its batch committed.
CREATE TABLE term_total_changes (
    channel_id BIGINT    NOT NULL,
    days       DATE[]    NOT NULL,
    kinds      TEXT[]    NOT NULL,
    keys       TEXT[]    NOT NULL,
    posts      INTEGER[] NOT NULL
);

-- The totals now change only when summed again, after the terms of the channels did; the data version follows the
-- channels' terms, which change in the transaction that stored the posts.
DROP TRIGGER network_daily_term_totals ON daily_term_totals;
DROP TRIGGER network_daily_term_totals_truncated ON daily_term_totals;
CREATE CONSTRAINT TRIGGER network_channel_day_terms AFTER INSERT OR UPDATE OR DELETE ON channel_day_terms
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (network_change_unqueued()) EXECUTE FUNCTION network_changed();
CREATE TRIGGER network_channel_day_terms_truncated AFTER TRUNCATE ON channel_day_terms
    FOR EACH STATEMENT EXECUTE FUNCTION network_changed();
