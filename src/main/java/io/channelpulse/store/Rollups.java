package io.channelpulse.store;

import io.channelpulse.terms.TermCounting;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What is done to all the counted tables at once, each through the one class that writes it: the counts and totals
 * ({@link RollupDelta}), citations ({@link CitationDelta}), forward lags ({@link ForwardLags}) and terms
 * ({@link TermCounting}). Storing, a watchlist recount ({@link MentionChanges}), the time-zone rebuild and a purge
 * all go through those classes, so no rollup table has a second writer.
 */
public final class Rollups {

    private Rollups() {
    }

    /** Empties every counted table, for a rebuild that counts every post again; in the rebuild's transaction. */
    public static void clear(Connection connection) throws SQLException {
        RollupDelta.clear(connection);
        CitationDelta.clear(connection);
        ForwardLags.clear(connection);
        TermCounting.clear(connection);
    }

    /**
     * Takes a channel's share out of what is counted over all channels, in the transaction that then deletes the
     * channel (its own rows go with it, by their foreign keys).
     */
    static void takeOutChannel(Connection connection, long channelId) throws SQLException {
        RollupDelta.takeOutChannel(connection, channelId);
        ForwardLags.forgetSource(connection, channelId);
        TermCounting.purge(connection, channelId);
    }
}
