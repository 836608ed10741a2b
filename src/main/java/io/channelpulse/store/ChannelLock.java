package io.channelpulse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The right to poll one channel, held on its own connection until closed (see {@link ChannelLocks}). */
public final class ChannelLock implements AutoCloseable {

    private final Connection connection;
    private final int namespace;
    private final int key;

    ChannelLock(Connection connection, int namespace, int key) {
        this.connection = connection;
        this.namespace = namespace;
        this.key = key;
    }

    /**
     * Whether the lock is still this poller's: false once its connection broke (a database restart ends the
     * session and so the lock, and another instance may hold it by now). Asked before each page, so that a poller
     * that lost the lock stops instead of fetching alongside the new holder.
     */
    public boolean held() {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                               AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2 AND granted)""")) {
            query.setLong(1, namespace);
            query.setLong(2, key);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Unlocks and gives the connection back. If the connection is broken, its session and the lock are gone
     * already; the pool then drops the connection.
     */
    @Override
    public void close() {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, namespace);
            unlock.setInt(2, key);
            unlock.execute();
        } catch (SQLException brokenConnection) {
            // the session is gone, and its locks with it
        } finally {
            closeQuietly(connection);
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException alreadyBroken) {
            // nothing is held on a connection that cannot be closed
        }
    }
}
