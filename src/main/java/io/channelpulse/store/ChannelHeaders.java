package io.channelpulse.store;

import io.channelpulse.ingest.telegram.ChannelHeader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** What a preview page's header says of its channel: the channel's fields, and a snapshot of its counters. */
@ApplicationScoped
public class ChannelHeaders {

    @Inject
    DataSource dataSource;

    /** Updates the channel's header fields and keeps a snapshot of its counters; a page without header changes nothing. */
    @Transactional
    public void record(long channelId, ChannelHeader header, Instant seenAt) {
        if (header == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            // The channel's lock before its row, as storing and removing take them: a removal that holds the lock
            // and waits for the row would otherwise deadlock with a poll that holds the row and waits for the lock.
            PostStore.lockChannel(connection, channelId);
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE channels SET title = COALESCE(?, title), description = ?, verified = ?,
                        avatar_url = ?, subscribers = COALESCE(?, subscribers),
                        handle = CASE WHEN lower(?) = lower(handle) THEN ? ELSE handle END
                    WHERE id = ?""")) {
                ChannelHeader.Counters counters = header.counters();
                update.setString(1, header.title());
                update.setString(2, header.description());
                update.setBoolean(3, header.verified());
                update.setString(4, header.avatarUrl());
                setLong(update, 5, counters.subscribers());
                update.setString(6, header.handle());
                update.setString(7, header.handle());
                update.setLong(8, channelId);
                update.executeUpdate();
            }
            try (PreparedStatement snapshot = connection.prepareStatement("""
                    INSERT INTO channel_snapshots (channel_id, taken_at, subscribers, photos, videos, files, links)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                ChannelHeader.Counters counters = header.counters();
                snapshot.setLong(1, channelId);
                snapshot.setObject(2, PostStore.utc(seenAt));
                setLong(snapshot, 3, counters.subscribers());
                setLong(snapshot, 4, counters.photos());
                setLong(snapshot, 5, counters.videos());
                setLong(snapshot, 6, counters.files());
                setLong(snapshot, 7, counters.links());
                snapshot.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("Could not record the header of channel " + channelId, e);
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

}
