package io.channelpulse.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.CountedPosts;
import io.channelpulse.store.ImportOnlyPosts;
import io.channelpulse.store.PostStore;
import io.channelpulse.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rows of imports and their channels, and one batch of imported messages stored the way polls store pages. */
@ApplicationScoped
class ImportStore {

    /** The channel an import goes to. */
    record Target(long id, String handle, String title) {
    }

    /** What one batch did. */
    record Stored(int stored, int skipped) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ExportProblem>> PROBLEMS = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    @Inject
    PostStore posts;

    @Transactional
    Optional<Target> channel(String handle) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id, handle, title FROM channels WHERE lower(handle) = ?")) {
            query.setString(1, handle.toLowerCase(Locale.ROOT));
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(new Target(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read channel " + handle, e);
        }
    }

    /** The channel, created paused with source import (it has no preview to poll) when it is not tracked. */
    @Transactional
    Target channelForImport(String handle, String title) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO channels (handle, title, status, source) VALUES (?, ?, 'paused', 'import')
                     ON CONFLICT (lower(handle)) DO NOTHING""")) {
            insert.setString(1, handle);
            insert.setString(2, title);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Could not create channel " + handle, e);
        }
        return channel(handle).orElseThrow();
    }

    /**
     * Tracked channels by title, for forwards: an export names a forward's source only by its display name.
     * A title two channels share names neither.
     */
    @Transactional
    Map<String, String> handlesByTitle() {
        Map<String, String> handles = new HashMap<>();
        Set<String> shared = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT title, handle FROM channels WHERE title IS NOT NULL");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (handles.put(rs.getString(1), rs.getString(2)) != null) {
                    shared.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read the channels' titles", e);
        }
        shared.forEach(handles::remove);
        return handles;
    }

    @Transactional
    long create(long channelId, String fileName, ZoneId zone) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO imports (channel_id, file_name, zone) VALUES (?, ?, ?) RETURNING id")) {
            insert.setLong(1, channelId);
            insert.setString(2, fileName);
            insert.setString(3, zone.getId());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Could not record an import", e);
        }
    }

    @Transactional
    Optional<ImportStatus> status(long id) {
        List<ImportStatus> found = statuses("WHERE i.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Transactional
    List<ImportStatus> newest(int limit) {
        return statuses("ORDER BY i.created_at DESC, i.id DESC LIMIT ?", limit);
    }

    /** Imports a stopped app left queued or running; their files were temporary. */
    @Transactional
    List<Long> unfinished() {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id FROM imports WHERE state IN ('queued', 'running') ORDER BY id");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read the imports", e);
        }
        return ids;
    }

    @Transactional
    void running(long id) {
        update(id, "running", null, null);
    }

    @Transactional
    void finish(long id, Counts counts, String state) {
        update(id, state, counts, Instant.now());
    }

    /**
     * Stores a batch through {@link PostStore#storePosts}, with the import's counts in the same transaction, so
     * the counts say exactly what is stored. A message already stored is written again only when the export's
     * version of it is later than the one we last saw (an edit after our last poll): otherwise it is skipped.
     */
    @Transactional
    Stored store(long importId, Target channel, List<ExportMessage> batch, CountedPosts counted, Counts counts) {
        try (Connection connection = dataSource.getConnection()) {
            Map<Long, Instant> lastSeen = lastSeen(connection, channel.id(), batch);
            Set<Long> write = new HashSet<>();
            List<Long> added = new ArrayList<>();
            for (ExportMessage message : batch) {
                Instant seen = lastSeen.get(message.id());
                if (seen == null) {
                    added.add(message.id());
                } else if (!message.versionAt().isAfter(seen)) {
                    continue;
                }
                write.add(message.id());
            }
            posts.storePosts(channel.id(), counted.only(write), Instant.now());
            ImportOnlyPosts.add(connection, channel.id(), added);
            Stored stored = new Stored(write.size(), batch.size() - write.size());
            counts.add(stored);
            update(connection, importId, "running", counts, null);
            return stored;
        } catch (SQLException e) {
            throw new StoreException("Could not store imported posts of @" + channel.handle(), e);
        }
    }

    /** The counts and problems of a running import, as they will be written with its next batch. */
    static final class Counts {
        long read;
        long stored;
        long skipped;
        final List<ExportProblem> errors = new ArrayList<>();

        void add(Stored batch) {
            stored += batch.stored();
            skipped += batch.skipped();
        }

        /** Adds what was read elsewhere, keeping at most {@code maxErrors} problems. */
        void take(Counts read, int maxErrors) {
            this.read += read.read;
            skipped += read.skipped;
            read.errors.stream().limit(Math.max(0, maxErrors - errors.size())).forEach(errors::add);
        }

        /** These counts, leaving this empty: what was read since the last batch, handed on with it. */
        Counts takeAll() {
            Counts taken = new Counts();
            taken.take(this, Integer.MAX_VALUE);
            read = 0;
            skipped = 0;
            errors.clear();
            return taken;
        }
    }

    static ParsedPost withForwardHandle(ParsedPost post, Map<String, String> handlesByTitle) {
        if (post.forwardedFrom() == null) {
            return post;
        }
        String handle = handlesByTitle.get(post.forwardedFrom().title());
        if (handle == null) {
            return post;
        }
        return new ParsedPost(post.channel(), post.id(), post.publishedAt(), post.kind(), post.text(), post.views(),
                post.edited(), post.signature(), new ParsedPost.ForwardSource(post.forwardedFrom().title(), handle, null),
                post.replyTo(), post.media(), post.links(), post.reactions());
    }

    private static Map<Long, Instant> lastSeen(Connection connection, long channelId, List<ExportMessage> batch)
            throws SQLException {
        Map<Long, Instant> seen = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, last_seen_at FROM posts WHERE channel_id = ? AND id = ANY (?)")) {
            query.setLong(1, channelId);
            query.setArray(2, connection.createArrayOf("bigint", batch.stream().map(ExportMessage::id).toArray(Long[]::new)));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    seen.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        return seen;
    }

    private void update(long id, String state, Counts counts, Instant finishedAt) {
        try (Connection connection = dataSource.getConnection()) {
            update(connection, id, state, counts, finishedAt);
        } catch (SQLException e) {
            throw new StoreException("Could not record the progress of import " + id, e);
        }
    }

    private static void update(Connection connection, long id, String state, Counts counts, Instant finishedAt)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(counts == null
                ? "UPDATE imports SET state = ? WHERE id = ?"
                : "UPDATE imports SET state = ?, read = ?, stored = ?, skipped = ?, errors = ?::jsonb, finished_at = ?"
                + " WHERE id = ?")) {
            update.setString(1, state);
            if (counts == null) {
                update.setLong(2, id);
            } else {
                update.setLong(2, counts.read);
                update.setLong(3, counts.stored);
                update.setLong(4, counts.skipped);
                update.setString(5, json(counts.errors));
                update.setObject(6, finishedAt == null ? null : finishedAt.atOffset(ZoneOffset.UTC));
                update.setLong(7, id);
            }
            update.executeUpdate();
        }
    }

    private List<ImportStatus> statuses(String where, Object parameter) {
        List<ImportStatus> statuses = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT i.id, c.handle, i.state, i.read, i.stored, i.skipped, i.errors::text
                     FROM imports i JOIN channels c ON c.id = i.channel_id
                     """ + where)) {
            query.setObject(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    statuses.add(new ImportStatus(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), problems(rs.getString(7))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read the imports", e);
        }
        return statuses;
    }

    private static String json(List<ExportProblem> problems) {
        try {
            return JSON.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ExportProblem> problems(String json) {
        try {
            return JSON.readValue(json, PROBLEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("imports.errors holds " + json, e);
        }
    }
}
