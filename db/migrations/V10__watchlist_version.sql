-- A number that every change of the watchlist moves, so that each instance notices a change made by another
-- one (its compiled matcher is checked against it before every page is counted).
CREATE TABLE watchlist_version (
    single  BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (single),
    version BIGINT  NOT NULL
);
INSERT INTO watchlist_version (single, version) VALUES (TRUE, 1);

CREATE FUNCTION watchlist_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE watchlist_version SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER watchlist_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON watched_entities
    FOR EACH STATEMENT EXECUTE FUNCTION watchlist_changed();
