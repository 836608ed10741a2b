-- Every time a stored post went missing from a page whose id range covers it: one missing read marks nothing
-- (pages glitch), so an episode starts as a candidate (confirmed_at null) and is confirmed by a second read in a
-- row that misses it too, or by the post's embed page. A post that shows up again ends its episode
-- (reappeared_at) and loses posts.deleted_at; the episode stays, so the post's history shows it.
CREATE TABLE post_deletions (
    channel_id    BIGINT      NOT NULL,
    post_id       BIGINT      NOT NULL,
    missing_at    TIMESTAMPTZ NOT NULL,
    confirmed_at  TIMESTAMPTZ,
    confirmed_by  TEXT        CHECK (confirmed_by IN ('second_read', 'embed')),
    reappeared_at TIMESTAMPTZ,
    PRIMARY KEY (channel_id, post_id, missing_at),
    FOREIGN KEY (channel_id, post_id) REFERENCES posts (channel_id, id) ON DELETE CASCADE,
    CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL))
);
-- At most one open episode per post: the one a read goes on with.
CREATE UNIQUE INDEX post_deletions_open ON post_deletions (channel_id, post_id) WHERE reappeared_at IS NULL;

-- Set when a page missed more than half of the stored posts in its range (nothing was marked), cleared when the
-- newest page reads clean again.
ALTER TABLE channels ADD COLUMN deletion_warning TEXT;
ALTER TABLE channels ADD COLUMN deletion_warning_at TIMESTAMPTZ;
-- Where the re-read of the last pulse.recheck.days goes on at the next poll; null: start below the newest page.
ALTER TABLE channels ADD COLUMN recheck_before BIGINT;
