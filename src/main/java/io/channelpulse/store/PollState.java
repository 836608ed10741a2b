package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * A channel's polling state in the database: which instance is polling it, how far its backfill got, how its
 * last poll ended. The right to poll is a lock apart from this state ({@link ChannelLocks}).
 */
@ApplicationScoped
public class PollState {

    /** What a poll needs to know about its channel. */
    public record Snapshot(long id, String handle, ChannelStatus status, Instant notBefore,
                           Long backfillBefore, int backfillPages, boolean backfillDone, Long gapBefore, Long gapFloor) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    InstanceIdentity identity;

    /** Names this instance as the one polling the channel now; {@link #finish} clears it when the poll ends. */
    @Transactional
    public void begin(long channelId) {
        update("UPDATE channels SET polled_by = ? WHERE id = ?", identity.name(), channelId);
    }

    @Transactional
    public Optional<Snapshot> load(long channelId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT id, handle, status, not_before, backfill_before, backfill_pages, backfill_done,
                            gap_before, gap_floor
                     FROM channels WHERE id = ?""")) {
            query.setLong(1, channelId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp notBefore = rs.getTimestamp(4);
                return Optional.of(new Snapshot(rs.getLong(1), rs.getString(2), ChannelStatus.of(rs.getString(3)),
                        notBefore == null ? null : notBefore.toInstant(), (Long) rs.getObject(5), rs.getInt(6),
                        rs.getBoolean(7), (Long) rs.getObject(8), (Long) rs.getObject(9)));
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read channel " + channelId, e);
        }
    }

    /** Where the backfill stands; call it in the transaction that stored the page it came from. */
    @Transactional
    public void saveBackfill(long channelId, Long nextBefore, int pages, boolean done) {
        update("UPDATE channels SET backfill_before = ?, backfill_pages = ?, backfill_done = ? WHERE id = ?",
                nextBefore, pages, done, channelId);
    }

    /** Where filling a gap of new posts stands (null: no gap); call it in the transaction that stored the page. */
    @Transactional
    public void saveGap(long channelId, Long nextBefore, Long floor) {
        update("UPDATE channels SET gap_before = ?, gap_floor = ? WHERE id = ?", nextBefore, floor, channelId);
    }

    /** How the poll ended. A channel paused meanwhile stays paused. */
    @Transactional
    public void finish(long channelId, ChannelStatus status, String error, Instant notBefore) {
        update("UPDATE channels SET polled_by = NULL WHERE id = ?", channelId);
        update("""
                UPDATE channels SET status = ?, last_error = ?, not_before = ?, last_polled_at = now()
                WHERE id = ? AND status <> 'paused'""",
                status.value(), error, notBefore == null ? null : PostStore.utc(notBefore), channelId);
    }

    /** Keeps a page that did not parse, so that someone can see what Telegram sent. */
    @Transactional
    public void keepUnparsed(long channelId, String url, String error, String body) {
        update("INSERT INTO unparsed_pages (channel_id, url, error, body) VALUES (?, ?, ?, ?)",
                channelId, url, error, body);
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value == null) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Could not update channel state", e);
        }
    }
}
