-- Spikes of name candidates (io.channelpulse.spikes.SpikeCounts) read daily_terms' names only: the busy names of a
-- few days, then the 28 days before of those names. Partial indexes keep both reads off the far larger word rows.
CREATE INDEX daily_terms_name_days ON daily_terms (day) INCLUDE (key, channel_id, posts) WHERE kind = 'name';
CREATE INDEX daily_terms_name_keys ON daily_terms (key, day) INCLUDE (channel_id, posts) WHERE kind = 'name';
