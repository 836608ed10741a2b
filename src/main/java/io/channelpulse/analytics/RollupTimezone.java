package io.channelpulse.analytics;

import io.channelpulse.store.StoreException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;

/**
 * Rollups are by local day, so they belong to one {@code pulse.timezone}. At start, if the zone differs from
 * the one they were counted in, they are rebuilt from the posts, under an exclusive lock so that no ingestion
 * runs meanwhile; posts keep their own topics, mentions and forward sources, so nothing is re-read.
 */
@ApplicationScoped
public class RollupTimezone {

    static final String SETTING = "rollups.timezone";

    @Inject
    DataSource dataSource;

    @Inject
    AnalyticsConfig analytics;

    @Transactional
    void onStart(@Observes StartupEvent event) throws SQLException {
        ZoneId zone = analytics.timezone();
        try (Connection connection = dataSource.getConnection()) {
            String counted = countedIn(connection);
            if (zone.getId().equals(counted)) {
                return;
            }
            if (counted != null || hasPosts(connection)) {
                Log.infof("Counting by day in %s (was %s): rebuilding the rollups from the posts", zone,
                        counted == null ? "not recorded" : counted);
                rebuild(connection, zone);
            }
            try (PreparedStatement save = connection.prepareStatement("""
                    INSERT INTO settings (key, value) VALUES (?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value""")) {
                save.setString(1, SETTING);
                save.setString(2, zone.getId());
                save.executeUpdate();
            }
        }
    }

    static void rebuild(Connection connection, ZoneId zone) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE posts, daily_posts, daily_counts, daily_totals, monthly_totals IN EXCLUSIVE MODE");
            statement.execute("DELETE FROM daily_posts");
            statement.execute("DELETE FROM daily_counts");
            statement.execute("DELETE FROM daily_totals");
            statement.execute("DELETE FROM monthly_totals");
        }
        String day = "(published_at AT TIME ZONE '" + zone.getId().replace("'", "''") + "')::date";
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO daily_posts (channel_id, day, posts, views) SELECT channel_id, " + day
                    + ", count(*), COALESCE(sum(views), 0) FROM posts WHERE kind = 'post' GROUP BY 1, 2");
            statement.execute("INSERT INTO daily_counts (metric, key, channel_id, day, posts) SELECT 'topic', k, channel_id, "
                    + day + ", count(*) FROM posts, unnest(hashtags) k WHERE kind = 'post' GROUP BY 2, 3, 4");
            statement.execute("INSERT INTO daily_counts (metric, key, channel_id, day, posts) SELECT 'mention', k, channel_id, "
                    + day + ", count(*) FROM posts, unnest(mentions) k WHERE kind = 'post' GROUP BY 2, 3, 4");
            statement.execute("INSERT INTO daily_counts (metric, key, channel_id, day, posts) SELECT 'forward', "
                    + "lower(forwarded_handle), channel_id, " + day + ", count(*) FROM posts "
                    + "WHERE kind = 'post' AND forwarded_handle IS NOT NULL GROUP BY 2, 3, 4");
            statement.execute("INSERT INTO daily_totals (metric, key, day, posts) "
                    + "SELECT metric, key, day, sum(posts) FROM daily_counts GROUP BY 1, 2, 3");
            statement.execute("INSERT INTO monthly_totals (metric, key, month, posts) "
                    + "SELECT metric, key, date_trunc('month', day)::date, sum(posts) FROM daily_totals GROUP BY 1, 2, 3");
        }
    }

    private static String countedIn(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            query.setString(1, SETTING);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean hasPosts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM posts)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new StoreException("Could not look at posts", e);
        }
    }
}
