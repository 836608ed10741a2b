package io.channelpulse.analytics;

import io.channelpulse.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The versions answers computed from the counts are kept by: network_version (V22, V24: bumped at the commit of any
 * change of the rollups, their sums over channels, posts per day or channels) and watchlist_version. Read from the
 * database with every question, so no instance serves an answer computed before a change another one committed.
 */
@ApplicationScoped
public class DataVersions {

    /** The two versions; an answer computed at one pair is good while both stay. */
    public record Versions(long data, long watchlist) {
    }

    @Inject
    Sql db;

    /** Both versions, in one read. */
    public Versions read() {
        long[] versions = new long[2];
        db.forEach("SELECT (SELECT version FROM network_version), (SELECT version FROM watchlist_version)",
                List.of(), rs -> {
                    versions[0] = rs.getLong(1);
                    versions[1] = rs.getLong(2);
                });
        return new Versions(versions[0], versions[1]);
    }
}
