-- Spikes (spikes.SpikeFinder keeps its answers by data version, as the network does) are read from the counts
-- summed over channels, so a change of those counts changes the version too: an edit that moves a post's topics
-- or names changes no posts per day, and a watchlist recount none of the tables V22 follows.
CREATE CONSTRAINT TRIGGER network_daily_totals AFTER INSERT OR UPDATE OR DELETE ON daily_totals
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION network_changed();
CREATE CONSTRAINT TRIGGER network_daily_term_totals AFTER INSERT OR UPDATE OR DELETE ON daily_term_totals
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION network_changed();
CREATE TRIGGER network_daily_totals_truncated AFTER TRUNCATE ON daily_totals
    FOR EACH STATEMENT EXECUTE FUNCTION network_changed();
CREATE TRIGGER network_daily_term_totals_truncated AFTER TRUNCATE ON daily_term_totals
    FOR EACH STATEMENT EXECUTE FUNCTION network_changed();
