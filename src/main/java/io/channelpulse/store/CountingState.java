package io.channelpulse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;

/**
 * Which zone the rollups count days in and which posts are in them. Outside a rebuild every post is; during one,
 * those up to the cursor (in channel and post id order) are. Read under the channel lock with a share lock on the
 * row, so a batch of the rebuild, which moves the cursor, never overlaps a write that went by the old cursor.
 */
public record CountingState(ZoneId zone, boolean rebuilding, long cursorChannel, long cursorPost) {

    /** How a read locks the row: writers of rollups share it, a batch of the rebuild takes it alone. */
    public enum Lock {
        NONE(""), SHARE(" FOR SHARE"), UPDATE(" FOR UPDATE");

        private final String clause;

        Lock(String clause) {
            this.clause = clause;
        }
    }

    /** The state as stored, read by a writer of rollups; {@code fallback} before any zone was recorded. */
    public static CountingState read(Connection connection, ZoneId fallback) throws SQLException {
        return read(connection, fallback, Lock.SHARE);
    }

    public static CountingState read(Connection connection, ZoneId fallback, Lock lock) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT zone, rebuilding, cursor_channel, cursor_post FROM rollup_zone" + lock.clause);
             ResultSet rs = query.executeQuery()) {
            if (!rs.next()) {
                return new CountingState(fallback, false, 0, 0);
            }
            String zone = rs.getString(1);
            return new CountingState(zone == null ? fallback : ZoneId.of(zone), rs.getBoolean(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /** True if the post's counts are in the rollups, so that a change to it must move them. */
    public boolean counted(long channelId, long postId) {
        return !rebuilding || channelId < cursorChannel || channelId == cursorChannel && postId <= cursorPost;
    }
}
