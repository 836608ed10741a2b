-- The search page keeps its ranking of a query's newest matches by the data version (web.pages.SearchPages), and
-- that ranking depends on the posts' text and time. A new or purged post already changes the version (V22: posts per
-- day), but an edit of a post's text that moves no count, or a corrected time within the same day, did not.
-- Only updates that change the text or the time queue the event (WHEN), so storing new posts, re-reading unchanged
-- ones, view counts and deletion marks cost nothing more than the comparison; the version row is then updated once,
-- at the commit of the transaction (network_changed), like every other change of the data.
CREATE CONSTRAINT TRIGGER network_post_texts AFTER UPDATE OF text, published_at ON posts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION network_changed();
