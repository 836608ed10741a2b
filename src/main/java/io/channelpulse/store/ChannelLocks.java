package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The right to poll a channel, one poller per channel across every instance on the database: a PostgreSQL
 * session-level advisory lock, taken with {@code pg_try_advisory_lock} on a connection kept out of the pool
 * for the whole poll and unlocked at its end.
 *
 * <p>A lock rather than a lease renewed by a heartbeat: the lock ends with the session, so nothing has to run
 * out. When the instance is killed (SIGKILL, OOM), its operating system closes the socket and the server ends
 * the session, and with it the lock, at once; when its machine or network goes away, the keepalive set on the
 * session below ends it within about {@link #KEEPALIVE_IDLE_SECONDS} + {@link #KEEPALIVE_INTERVAL_SECONDS} ×
 * {@link #KEEPALIVE_COUNT} seconds. A lease would have to be long enough to outlast a page with all its
 * retries (minutes), or be renewed from a thread of its own every few seconds, and would still keep a
 * channel blocked for a lease length after a kill.
 *
 * <p>The lock and the {@code polled_by} column together tell a poll that stopped unfinished: the column names
 * the instance that began the poll and is cleared when the poll ends, so a named row whose lock nobody holds
 * is a poll to go on with ({@link #unfinished()}).
 */
@ApplicationScoped
public class ChannelLocks {

    /**
     * First key of the two-key advisory locks ('PLCK'): the other advisory locks of the app take one bigint key
     * (the channel id, for the transaction-level lock around storing), a key space of its own in PostgreSQL.
     */
    static final int NAMESPACE = 0x504C434B;

    static final int KEEPALIVE_IDLE_SECONDS = 5;
    static final int KEEPALIVE_INTERVAL_SECONDS = 2;
    static final int KEEPALIVE_COUNT = 3;

    @Inject
    DataSource dataSource;

    /** Holds the right to poll the channel until the lock is closed; empty while another poller holds it. */
    public Optional<ChannelLock> tryLock(long channelId) {
        int key = Math.toIntExact(channelId);
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (PreparedStatement keepalive = connection.prepareStatement("""
                    SELECT set_config('tcp_keepalives_idle', ?, false), set_config('tcp_keepalives_interval', ?, false),
                           set_config('tcp_keepalives_count', ?, false)""")) {
                keepalive.setString(1, Integer.toString(KEEPALIVE_IDLE_SECONDS));
                keepalive.setString(2, Integer.toString(KEEPALIVE_INTERVAL_SECONDS));
                keepalive.setString(3, Integer.toString(KEEPALIVE_COUNT));
                keepalive.execute();
            }
            boolean locked;
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, NAMESPACE);
                lock.setInt(2, key);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    locked = rs.getBoolean(1);
                }
            }
            if (!locked) {
                connection.close();
                return Optional.empty();
            }
            return Optional.of(new ChannelLock(connection, NAMESPACE, key));
        } catch (SQLException e) {
            ChannelLock.closeQuietly(connection);
            throw new StoreException("Could not lock channel " + channelId + " for polling", e);
        }
    }

    /**
     * Channels whose poll began and did not end, and that no instance holds now: their poller was killed, shut
     * down or lost its database connection midway. Paused channels and channels told to wait are left alone.
     */
    public List<Long> unfinished() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT c.id FROM channels c
                     WHERE c.polled_by IS NOT NULL AND c.status <> 'paused'
                       AND (c.not_before IS NULL OR c.not_before < now())
                       AND NOT EXISTS (
                           SELECT 1 FROM pg_locks l
                           WHERE l.locktype = 'advisory' AND l.objsubid = 2
                             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                             AND l.classid::bigint = ? AND l.objid::bigint = c.id)
                     ORDER BY c.id""")) {
            query.setLong(1, NAMESPACE);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("Could not look for unfinished polls", e);
        }
    }
}
