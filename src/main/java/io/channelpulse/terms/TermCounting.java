package io.channelpulse.terms;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.store.StoreException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Counts terms into daily_terms (and names into name_hours) for the storing paths ({@code PostStore}, the time-zone rebuild) and keeps the
 * rollup bounded: a term seen in only one post of a channel-day goes once the day is older than
 * {@code pulse.terms.keep-singletons}. Most terms of a day are such singletons, and none of them can rank.
 */
@ApplicationScoped
public class TermCounting {

    @Inject
    TermsConfig config;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    DataSource dataSource;

    private volatile boolean leftOut;

    /** An empty change for one batch of the channel's posts, counted in {@code zone}. */
    public TermDelta delta(long channelId, ZoneId zone) {
        return new TermDelta(channelId, keepSingletonsFrom(zone),
                new NameHours(channelId, zone, NameHours.keepFrom(zone, config.nameHours(), Instant.now())), !leftOut);
    }

    /**
     * Until {@link #countAgain}, posts are stored without their terms: only {@code generate --without-terms} does
     * this, to measure what counting terms costs, in a process that does nothing else.
     */
    public void leaveOut() {
        leftOut = true;
    }

    public void countAgain() {
        leftOut = false;
    }

    /** False while terms are left out: then a post's terms need not be extracted. */
    public boolean countsTerms() {
        return !leftOut;
    }

    LocalDate keepSingletonsFrom(ZoneId zone) {
        return LocalDate.now(zone).minus(config.keepSingletons());
    }

    @Scheduled(every = "{pulse.terms.prune-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPrune() {
        ZoneId zone = analytics.timezone();
        int dropped = prune(keepSingletonsFrom(zone));
        int hours = pruneHours(NameHours.keepFrom(zone, config.nameHours(), Instant.now()));
        Log.debugf("Dropped %d singleton terms and %d hours of names", dropped, hours);
    }

    /** Drops the hours of names before {@code keepFrom}; how many rows went. */
    int pruneHours(Instant keepFrom) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return NameHours.prune(connection, keepFrom);
            } catch (SQLException e) {
                throw new StoreException("Could not drop old hours of names", e);
            }
        });
    }

    /**
     * Drops the singletons of days before {@code keepFrom}; how many terms went. Only rows of days that were still in
     * the window when last written hold any (the singletons index).
     */
    public int prune(LocalDate keepFrom) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return TermBags.dropSingletons(connection, keepFrom);
            } catch (SQLException e) {
                throw new StoreException("Could not drop old singleton terms", e);
            }
        });
    }

    /**
     * Brings daily_term_totals up to every committed change of the channels' terms, for a reader of the totals. In its
     * own transaction, so a reader's own (read-only) transaction stays as it was; a no-op when nothing changed.
     */
    public void sumTotals() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                TermTotals.sum(connection);
            } catch (SQLException e) {
                throw new StoreException("Could not sum the terms over channels", e);
            }
        });
    }

    /** Sums the days changed since, so that readers seldom wait for it. */
    @Scheduled(every = "{pulse.terms.sum-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSum() {
        sumTotals();
    }

    /**
     * Takes a channel's terms out, and out of the totals, in the transaction that then deletes the channel. The queue
     * is added to the totals at once, so no queued change keyed by the channel stays behind it.
     */
    /** Empties the terms' rollups, for a rebuild that counts every post again. */
    public static void clear(Connection connection) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE channel_day_terms, daily_term_totals, term_total_changes, name_hours");
        }
    }

    public static void purge(Connection connection, long channelId) throws SQLException {
        TermBags.deleteChannel(connection, channelId);
        TermTotals.sum(connection);
    }
}
