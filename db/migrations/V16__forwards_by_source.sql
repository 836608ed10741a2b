-- A post's page lists the tracked channels' posts that forward it: found by the source's handle (any case, as
-- Telegram handles are) and post id. Only forwards have a handle, so the index holds only them.
CREATE INDEX posts_forwarded_source ON posts (lower(forwarded_handle), forwarded_post_id)
    WHERE forwarded_handle IS NOT NULL;
