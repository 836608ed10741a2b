-- The version triggers of V22 and V24 queued one deferred event per rollup row written, each running the bump at
-- commit only to find the version already taken by its transaction: a batch of a thousand posts writes tens of
-- thousands of rollup rows (terms above all), so most of a commit went on events that changed nothing. A constraint
-- trigger's WHEN is evaluated when the row is written, so it can queue the first event of a transaction only; a
-- transaction-local setting remembers that one is queued (rolled back with a savepoint, as the queued event is).
CREATE FUNCTION network_change_unqueued() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('pulse.network_change_queued', true) = 'yes' THEN
        RETURN FALSE;
    END IF;
    PERFORM set_config('pulse.network_change_queued', 'yes', true);
    RETURN TRUE;
END $$;

DROP TRIGGER network_channels ON channels;
DROP TRIGGER network_daily_posts ON daily_posts;
DROP TRIGGER network_daily_citations ON daily_citations;
DROP TRIGGER network_daily_forward_lags ON daily_forward_lags;
DROP TRIGGER network_forward_sources ON forward_sources;
DROP TRIGGER network_daily_totals ON daily_totals;
DROP TRIGGER network_daily_term_totals ON daily_term_totals;

CREATE CONSTRAINT TRIGGER network_channels AFTER INSERT OR DELETE OR UPDATE OF handle, title, subscribers ON channels
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (network_change_unqueued()) EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_daily_posts AFTER INSERT OR UPDATE OR DELETE ON daily_posts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (network_change_unqueued()) EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_daily_citations AFTER INSERT OR UPDATE OR DELETE ON daily_citations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (network_change_unqueued()) EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_daily_forward_lags AFTER INSERT OR UPDATE OR DELETE ON daily_forward_lags
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (network_change_unqueued()) EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_forward_sources AFTER INSERT OR UPDATE OR DELETE ON forward_sources
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (network_change_unqueued()) EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_daily_totals AFTER INSERT OR UPDATE OR DELETE ON daily_totals
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (network_change_unqueued()) EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_daily_term_totals AFTER INSERT OR UPDATE OR DELETE ON daily_term_totals
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (network_change_unqueued()) EXECUTE FUNCTION network_changed();
