-- The version of the data the citation network is computed from (network.NetworkAnswers caches answers by it).
-- Every instance on the database reads it with each request, so none serves an answer computed before a change
-- another one committed. Triggers bump it, so no writing path (ingest, purge, recount, zone rebuild, channel edits)
-- can forget to.
CREATE TABLE network_version (
    one        BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    version    BIGINT NOT NULL,
    changed_by xid8
);
INSERT INTO network_version (version) VALUES (0);

-- Once per transaction (changed_by): the rows after the first find the version already theirs.
CREATE FUNCTION network_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE network_version SET version = version + 1, changed_by = pg_current_xact_id()
    WHERE changed_by IS DISTINCT FROM pg_current_xact_id();
    RETURN NULL;
END $$;

-- Deferred to the commit, so the version row is the last lock a storing transaction takes: two transactions that
-- both hold rollup rows cannot deadlock on it, and it is held only while they commit.
CREATE CONSTRAINT TRIGGER network_channels AFTER INSERT OR DELETE OR UPDATE OF handle, title, subscribers ON channels
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_daily_posts AFTER INSERT OR UPDATE OR DELETE ON daily_posts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_daily_citations AFTER INSERT OR UPDATE OR DELETE ON daily_citations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_daily_forward_lags AFTER INSERT OR UPDATE OR DELETE ON daily_forward_lags
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_forward_sources AFTER INSERT OR UPDATE OR DELETE ON forward_sources
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION network_changed();

-- TRUNCATE fires no row triggers (the zone rebuild and tests empty the rollups that way; cascaded tables fire too).
CREATE TRIGGER network_channels_truncated AFTER TRUNCATE ON channels
    FOR EACH STATEMENT EXECUTE FUNCTION network_changed();
CREATE TRIGGER network_daily_posts_truncated AFTER TRUNCATE ON daily_posts
    FOR EACH STATEMENT EXECUTE FUNCTION network_changed();
CREATE TRIGGER network_daily_citations_truncated AFTER TRUNCATE ON daily_citations
    FOR EACH STATEMENT EXECUTE FUNCTION network_changed();
CREATE TRIGGER network_daily_forward_lags_truncated AFTER TRUNCATE ON daily_forward_lags
    FOR EACH STATEMENT EXECUTE FUNCTION network_changed();
CREATE TRIGGER network_forward_sources_truncated AFTER TRUNCATE ON forward_sources
    FOR EACH STATEMENT EXECUTE FUNCTION network_changed();
