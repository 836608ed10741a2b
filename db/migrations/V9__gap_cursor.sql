-- New posts that one poll could not reach down to (more than pulse.backfill.max-pages pages of them): the
-- next page of the gap to fetch and the newest post stored before it, where the gap ends. Written in the same
-- transaction as each page of the gap, so the next polls go on where the last one stopped and nothing is lost.
ALTER TABLE channels ADD COLUMN gap_before BIGINT, ADD COLUMN gap_floor BIGINT;
