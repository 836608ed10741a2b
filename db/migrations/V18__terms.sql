-- Terms of the posts' text (io.channelpulse.terms.TermExtractor): stemmed words (kind 'word', key the stem) and
-- name candidates (kind 'name', key the stems of its words joined by a space), by channel and local day
-- (pulse.timezone), written by the post upsert in the same transaction as the post and kept right on edits and
-- on the time-zone rebuild. Bounded: a term in only one post of a channel-day goes once that day is older than
-- pulse.terms.keep-singletons (TermCounting.prune and each write of such a day).
CREATE TABLE daily_terms (
    channel_id BIGINT  NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    day        DATE    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('word', 'name')),
    key        TEXT    NOT NULL,
    posts      INTEGER NOT NULL,
    -- a batch of one channel's posts touches a few days: its upserts stay on a few pages of the index
    PRIMARY KEY (channel_id, day, kind, key)
);
-- The only index: TermQuery reads a range of days of the channels asked for (all of them by default) on it, and a
-- second index would make every post's many term rows cost twice as much to write.

-- How a term was written (Гросси, Гросси's; санкции, санкций), counted once per new post, to label a term by its
-- most frequent form and to offer a name's forms as watchlist aliases.
CREATE TABLE term_forms (
    kind  TEXT   NOT NULL,
    key   TEXT   NOT NULL,
    form  TEXT   NOT NULL,
    posts BIGINT NOT NULL,
    PRIMARY KEY (kind, key, form)
);
