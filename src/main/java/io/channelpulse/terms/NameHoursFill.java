package io.channelpulse.terms;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.PostFacts;
import io.channelpulse.store.CountingState;
import io.channelpulse.store.StoreException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills name_hours from the posts a database held before V27 created it: the hours of the window, channel by channel
 * under the channel's lock (so a poll storing at the same time is counted once), then marks it complete
 * (name_hours_since), after which spikes read every hour of the window from it. Skipped while the time-zone rebuild
 * runs, which counts name_hours again itself.
 */
@ApplicationScoped
public class NameHoursFill {

    @Inject
    DataSource dataSource;

    @Inject
    TermsConfig config;

    @Inject
    AnalyticsConfig analytics;

    private volatile boolean complete;

    @Scheduled(every = "1m", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFill() {
        if (!complete) {
            complete = fill();
        }
    }

    /** Fills what is missing; true when name_hours holds every post of the window (now or before). */
    public boolean fill() {
        if (!incomplete()) {
            return true;
        }
        List<Long> channels = new ArrayList<>();
        query("SELECT id FROM channels ORDER BY id", rs -> channels.add(rs.getLong(1)));
        for (long channelId : channels) {
            if (!fill(channelId)) {
                return false;
            }
        }
        QuarkusTransaction.requiringNew().run(() -> update("UPDATE name_hours_since SET since = '-infinity'"));
        Log.infof("Name candidates are counted by hour for all %d channels", channels.size());
        return true;
    }

    /** True while name_hours lacks the posts stored before it came. */
    private boolean incomplete() {
        boolean[] incomplete = new boolean[1];
        query("SELECT since > '-infinity' FROM name_hours_since", rs -> incomplete[0] = rs.getBoolean(1));
        return incomplete[0];
    }

    /**
     * Counts one channel's posts of the window again, all of them (those stored since V27 are in name_hours
     * already, but an hour may hold both kinds); false during a rebuild.
     */
    private boolean fill(long channelId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, channelId);
                    lock.execute();
                }
                CountingState state = CountingState.read(connection, analytics.timezone());
                if (state.rebuilding()) {
                    return false;
                }
                Instant keepFrom = NameHours.keepFrom(state.zone(), config.nameHours(), Instant.now());
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM name_hours WHERE channel_id = ?")) {
                    delete.setLong(1, channelId);
                    delete.executeUpdate();
                }
                NameHours hours = new NameHours(channelId, state.zone(), keepFrom);
                try (PreparedStatement posts = connection.prepareStatement("""
                        SELECT published_at, text FROM posts
                        WHERE channel_id = ? AND kind = 'post' AND published_at >= ?""")) {
                    posts.setLong(1, channelId);
                    posts.setTimestamp(2, Timestamp.from(keepFrom));
                    posts.setFetchSize(1000);
                    try (ResultSet rs = posts.executeQuery()) {
                        while (rs.next()) {
                            Instant publishedAt = rs.getTimestamp(1).toInstant();
                            for (Term term : TermExtractor.terms(rs.getString(2))) {
                                hours.add(publishedAt, term, 1);
                            }
                        }
                    }
                }
                hours.write(connection);
                return true;
            } catch (SQLException e) {
                throw new StoreException("Could not count the names of channel " + channelId + " by hour", e);
            }
        });
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                row.read(rs);
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read what name_hours holds", e);
        }
    }

    private void update(String sql) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Could not mark name_hours complete", e);
        }
    }
}
