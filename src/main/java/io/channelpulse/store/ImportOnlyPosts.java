package io.channelpulse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Posts stored by an import that no preview page has shown yet ({@code import_only_posts}). An export holds ids
 * a page never shows (each piece of an album, some service messages), so a page's deletion check leaves them out,
 * and a page that does show one makes it an ordinary post.
 */
public final class ImportOnlyPosts {

    /** The condition a deletion check adds for the stored posts it compares a page with. */
    static final String NOT_IMPORT_ONLY = " AND NOT EXISTS (SELECT 1 FROM import_only_posts i"
            + " WHERE i.channel_id = posts.channel_id AND i.post_id = posts.id)";

    private ImportOnlyPosts() {
    }

    /** Call it in the transaction that stored the posts, with the ids the import added (not ones already there). */
    public static void add(Sql db, long channelId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.update("""
                INSERT INTO import_only_posts (channel_id, post_id) SELECT ?, id FROM unnest(?::bigint[]) AS added (id)
                ON CONFLICT DO NOTHING""", channelId, ids.toArray(Long[]::new));
    }

    /** The page shows these posts: from now on they are checked for deletion like any other. */
    static void shownOnPage(Connection connection, long channelId, Long[] ids) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM import_only_posts WHERE channel_id = ? AND post_id = ANY (?)")) {
            delete.setLong(1, channelId);
            delete.setArray(2, connection.createArrayOf("bigint", ids));
            delete.executeUpdate();
        }
    }
}
