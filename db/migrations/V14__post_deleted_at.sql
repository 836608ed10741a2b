-- When we noticed, and confirmed, that a post was deleted from its channel; null while it is there. A deleted post
-- is kept with its counts (it was published): it is marked, never removed. How it was noticed lives beside it.
ALTER TABLE posts ADD COLUMN deleted_at TIMESTAMPTZ;

-- "Recently deleted" lists and ?deleted=true read only the few deleted posts.
CREATE INDEX posts_deleted ON posts (deleted_at DESC, channel_id, id) WHERE deleted_at IS NOT NULL;
-- "Recently edited" lists and ?edited=true.
CREATE INDEX posts_edited ON posts (published_at DESC, channel_id, id) WHERE edited;
