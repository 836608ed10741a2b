package io.channelpulse.store;

import io.channelpulse.alerts.PostEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deletion bookkeeping of a channel's posts ({@code post_deletions}, {@code posts.deleted_at}, the channel's
 * warning and recheck cursor). A page's check runs in the transaction that stored the page, so a poll killed in
 * between never counts a read it did not store.
 */
@ApplicationScoped
public class PostDeletions {

    /**
     * What one page's check did.
     *
     * @param candidates posts missed for the first time: confirmed by the next read that misses them, or the embed page
     * @param confirmed  posts missed a second read in a row, now marked deleted
     * @param tooMany    the page missed more than half the stored posts of its range, so it marked nothing
     */
    public record Check(List<Long> candidates, int confirmed, boolean tooMany) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    PostEvents postEvents;

    /**
     * Compares a page with the stored posts its range covers. Posts on the page end any open episode (a deleted
     * post that shows up again is not deleted). Call it in the page's transaction, after its posts were stored.
     *
     * @param newest the page is the channel's newest page: a clean one clears the channel's warning
     */
    @Transactional
    public Check check(long channelId, List<Long> pageIds, boolean newest, Instant seenAt) {
        if (pageIds.isEmpty()) {
            return new Check(List.of(), 0, false);
        }
        try (Connection connection = dataSource.getConnection()) {
            Long[] onPage = pageIds.toArray(Long[]::new);
            update(connection, "UPDATE post_deletions SET reappeared_at = ? WHERE channel_id = ? AND post_id = ANY (?)"
                    + " AND reappeared_at IS NULL", PostStore.utc(seenAt), channelId, onPage);
            update(connection, "UPDATE posts SET deleted_at = NULL WHERE channel_id = ? AND id = ANY (?)"
                    + " AND deleted_at IS NOT NULL", channelId, onPage);
            ImportOnlyPosts.shownOnPage(connection, channelId, onPage);
            long low = pageIds.stream().mapToLong(Long::longValue).min().orElseThrow();
            long high = pageIds.stream().mapToLong(Long::longValue).max().orElseThrow();
            // posts already confirmed deleted are known to be missing; they neither count nor are marked again, and
            // posts only an import has shown may never appear on a page
            List<Long> stored = ids(connection, "SELECT id FROM posts WHERE channel_id = ? AND id > ? AND id < ?"
                    + " AND deleted_at IS NULL" + ImportOnlyPosts.NOT_IMPORT_ONLY, channelId, low, high);
            MissingPosts missing = MissingPosts.compare(pageIds, stored);
            if (missing.tooMany()) {
                update(connection, "UPDATE channels SET deletion_warning = ?, deletion_warning_at = ? WHERE id = ?",
                        "A page from t.me (posts " + low + " to " + high + ") missed " + missing.missing().size()
                                + " of the " + missing.covered() + " stored posts between them; nothing was marked"
                                + " deleted", PostStore.utc(seenAt), channelId);
                return new Check(List.of(), 0, true);
            }
            if (newest) {
                update(connection, "UPDATE channels SET deletion_warning = NULL, deletion_warning_at = NULL"
                        + " WHERE id = ? AND deletion_warning IS NOT NULL", channelId);
            }
            if (missing.missing().isEmpty()) {
                return new Check(List.of(), 0, false);
            }
            Long[] gone = missing.missing().toArray(Long[]::new);
            List<Long> confirmed = ids(connection, """
                    UPDATE post_deletions SET confirmed_at = ?, confirmed_by = 'second_read'
                    WHERE channel_id = ? AND post_id = ANY (?) AND reappeared_at IS NULL AND confirmed_at IS NULL
                    RETURNING post_id""", PostStore.utc(seenAt), channelId, gone);
            markDeleted(connection, channelId, confirmed.toArray(Long[]::new), seenAt);
            postEvents.deleted(connection, channelId, confirmed, seenAt);
            List<Long> candidates = ids(connection, """
                    INSERT INTO post_deletions (channel_id, post_id, missing_at)
                    SELECT ?, id, ? FROM unnest(?::bigint[]) AS gone (id)
                    ON CONFLICT (channel_id, post_id) WHERE reappeared_at IS NULL DO NOTHING
                    RETURNING post_id""", channelId, PostStore.utc(seenAt), gone);
            return new Check(candidates, confirmed.size(), false);
        } catch (SQLException e) {
            throw new StoreException("Could not check the posts of channel " + channelId + " for deletions", e);
        }
    }

    /** The embed page said "Post not found": a candidate still open is deleted now. False if it was not a candidate. */
    @Transactional
    public boolean confirmByEmbed(long channelId, long postId, Instant at) {
        try (Connection connection = dataSource.getConnection()) {
            List<Long> confirmed = ids(connection, """
                    UPDATE post_deletions SET confirmed_at = ?, confirmed_by = 'embed'
                    WHERE channel_id = ? AND post_id = ? AND reappeared_at IS NULL AND confirmed_at IS NULL
                    RETURNING post_id""", PostStore.utc(at), channelId, postId);
            markDeleted(connection, channelId, confirmed.toArray(Long[]::new), at);
            postEvents.deleted(connection, channelId, confirmed, at);
            return !confirmed.isEmpty();
        } catch (SQLException e) {
            throw new StoreException("Could not mark post " + postId + " of channel " + channelId + " deleted", e);
        }
    }

    /** Where the recheck of recent pages goes on: the {@code before} of its next page, null to start from the top. */
    @Transactional
    public Long recheckBefore(long channelId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = prepare(connection, "SELECT recheck_before FROM channels WHERE id = ?", channelId);
             ResultSet rs = query.executeQuery()) {
            return rs.next() ? (Long) rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new StoreException("Could not read the recheck of channel " + channelId, e);
        }
    }

    /** Call it in the transaction that stored the page the cursor came from. */
    @Transactional
    public void saveRecheck(long channelId, Long nextBefore) {
        try (Connection connection = dataSource.getConnection()) {
            update(connection, "UPDATE channels SET recheck_before = ? WHERE id = ?", nextBefore, channelId);
        } catch (SQLException e) {
            throw new StoreException("Could not save the recheck of channel " + channelId, e);
        }
    }

    private static void markDeleted(Connection connection, long channelId, Long[] ids, Instant at) throws SQLException {
        if (ids.length > 0) {
            update(connection, "UPDATE posts SET deleted_at = ? WHERE channel_id = ? AND id = ANY (?)",
                    PostStore.utc(at), channelId, ids);
        }
    }

    private static List<Long> ids(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet rs = statement.executeQuery()) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof Long[] array) {
                statement.setArray(i + 1, connection.createArrayOf("bigint", array));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }
}
