package io.channelpulse.store;

import io.channelpulse.analytics.PostFacts;
import io.channelpulse.ingest.telegram.ParsedPost;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rows of one batch of a channel's posts: the posts, their edits, view counts, media and reactions. Each table
 * is one statement over arrays (one column each, one element per row) for the whole batch: a batch of a thousand
 * posts is a handful of statements instead of thousands, which is most of what the database spent per post.
 * Called by {@link PostStore} under the channel's lock, so rows of one channel never race.
 */
final class PostRows {

    private static final String UPSERT_POSTS = """
            INSERT INTO posts (channel_id, id, published_at, kind, text, views, edited, signature,
                               forwarded_title, forwarded_handle, forwarded_post_id, reply_to,
                               links, hashtags, mentions, first_seen_at, last_seen_at)
            SELECT ?, id, published_at, kind, text, views, edited, signature, forwarded_title, forwarded_handle,
                   forwarded_post_id, reply_to, links::text[], hashtags::text[], mentions::text[], ?, ?
            FROM unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[], ?::boolean[], ?::text[],
                        ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[])
                AS post (id, published_at, kind, text, views, edited, signature, forwarded_title, forwarded_handle,
                         forwarded_post_id, reply_to, links, hashtags, mentions)
            ON CONFLICT (channel_id, id) DO UPDATE SET
                published_at = EXCLUDED.published_at, kind = EXCLUDED.kind, text = EXCLUDED.text,
                views = COALESCE(EXCLUDED.views, posts.views), edited = EXCLUDED.edited OR posts.edited,
                signature = EXCLUDED.signature, forwarded_title = EXCLUDED.forwarded_title,
                forwarded_handle = EXCLUDED.forwarded_handle, forwarded_post_id = EXCLUDED.forwarded_post_id,
                reply_to = EXCLUDED.reply_to, links = EXCLUDED.links, hashtags = EXCLUDED.hashtags,
                mentions = EXCLUDED.mentions, last_seen_at = GREATEST(posts.last_seen_at, EXCLUDED.last_seen_at)
            """;

    private final Connection connection;
    private final long channelId;

    PostRows(Connection connection, long channelId) {
        this.connection = connection;
        this.channelId = channelId;
    }

    /** Inserts or updates the posts (distinct ids), marking those in {@code editedIds} edited. */
    void upsert(List<ParsedPost> posts, Map<Long, PostFacts> facts, Set<Long> editedIds, Instant seenAt)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_POSTS)) {
            upsert.setLong(1, channelId);
            upsert.setObject(2, PostStore.utc(seenAt));
            upsert.setObject(3, PostStore.utc(seenAt));
            upsert.setArray(4, longs(posts, ParsedPost::id));
            upsert.setArray(5, texts(posts, post -> post.publishedAt().toString()));
            upsert.setArray(6, texts(posts, post -> post.kind() == ParsedPost.Kind.SERVICE ? "service" : "post"));
            upsert.setArray(7, texts(posts, ParsedPost::text));
            upsert.setArray(8, longs(posts, ParsedPost::views));
            upsert.setArray(9, connection.createArrayOf("boolean",
                    posts.stream().map(post -> post.edited() || editedIds.contains(post.id())).toArray(Boolean[]::new)));
            upsert.setArray(10, texts(posts, ParsedPost::signature));
            upsert.setArray(11, texts(posts, post -> post.forwardedFrom() == null ? null : post.forwardedFrom().title()));
            upsert.setArray(12, texts(posts, post -> post.forwardedFrom() == null ? null : post.forwardedFrom().handle()));
            upsert.setArray(13, longs(posts, post -> post.forwardedFrom() == null ? null : post.forwardedFrom().postId()));
            upsert.setArray(14, longs(posts, ParsedPost::replyTo));
            upsert.setArray(15, texts(posts, post -> ArrayLiteral.ofTexts(post.links())));
            upsert.setArray(16, texts(posts, post -> ArrayLiteral.ofTexts(facts.get(post.id()).topics())));
            upsert.setArray(17, texts(posts, post -> ArrayLiteral.ofTexts(facts.get(post.id()).mentions())));
            upsert.executeUpdate();
        }
    }

    /** The text each edited post had before, kept once per time it was seen changed. */
    void recordEdits(List<ParsedPost> edited, Map<Long, String> previousTexts, Instant seenAt) throws SQLException {
        if (edited.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO post_edits (channel_id, post_id, seen_at, previous_text)
                SELECT ?, post_id, ?, previous_text FROM unnest(?::bigint[], ?::text[]) AS edit (post_id, previous_text)
                ON CONFLICT DO NOTHING""")) {
            insert.setLong(1, channelId);
            insert.setObject(2, PostStore.utc(seenAt));
            insert.setArray(3, longs(edited, ParsedPost::id));
            insert.setArray(4, texts(edited, post -> previousTexts.get(post.id())));
            insert.executeUpdate();
        }
    }

    /** The view counts read now, for posts whose count changed. */
    void recordViews(List<ParsedPost> changed, Instant seenAt) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO post_views (channel_id, post_id, seen_at, views)
                SELECT ?, post_id, ?, views FROM unnest(?::bigint[], ?::bigint[]) AS seen (post_id, views)
                ON CONFLICT DO NOTHING""")) {
            insert.setLong(1, channelId);
            insert.setObject(2, PostStore.utc(seenAt));
            insert.setArray(3, longs(changed, ParsedPost::id));
            insert.setArray(4, longs(changed, ParsedPost::views));
            insert.executeUpdate();
        }
    }

    /** Replaces the media of the posts; {@code storedIds} are those that may have media already. */
    void replaceMedia(List<ParsedPost> posts, Long[] storedIds) throws SQLException {
        deleteFor("post_media", storedIds);
        List<ParsedPost> owners = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<ParsedPost.Media> media = new ArrayList<>();
        for (ParsedPost post : posts) {
            for (int i = 0; i < post.media().size(); i++) {
                owners.add(post);
                positions.add(i);
                media.add(post.media().get(i));
            }
        }
        if (media.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO post_media (channel_id, post_id, position, type, url, title, site, items, options)
                SELECT ?, post_id, position, type, url, title, site, items, options::text[]
                FROM unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[])
                    AS media (post_id, position, type, url, title, site, items, options)""")) {
            insert.setLong(1, channelId);
            insert.setArray(2, longs(owners, ParsedPost::id));
            insert.setArray(3, connection.createArrayOf("integer", positions.toArray()));
            insert.setArray(4, texts(media, ParsedPost.Media::type));
            insert.setArray(5, texts(media, ParsedPost.Media::url));
            insert.setArray(6, texts(media, ParsedPost.Media::title));
            insert.setArray(7, texts(media, ParsedPost.Media::site));
            insert.setArray(8, connection.createArrayOf("integer", media.stream().map(ParsedPost.Media::items).toArray()));
            insert.setArray(9, texts(media, item -> ArrayLiteral.ofTexts(item.options() == null ? List.of() : item.options())));
            insert.executeUpdate();
        }
    }

    /** Replaces the reactions of the posts, as {@link #replaceMedia} does the media. */
    void replaceReactions(List<ParsedPost> posts, Long[] storedIds) throws SQLException {
        deleteFor("post_reactions", storedIds);
        List<ParsedPost> owners = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<ParsedPost.Reaction> reactions = new ArrayList<>();
        for (ParsedPost post : posts) {
            for (int i = 0; i < post.reactions().size(); i++) {
                owners.add(post);
                positions.add(i);
                reactions.add(post.reactions().get(i));
            }
        }
        if (reactions.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO post_reactions (channel_id, post_id, position, emoji, count)
                SELECT ?, post_id, position, emoji, count FROM unnest(?::bigint[], ?::int[], ?::text[], ?::bigint[])
                    AS reaction (post_id, position, emoji, count)""")) {
            insert.setLong(1, channelId);
            insert.setArray(2, longs(owners, ParsedPost::id));
            insert.setArray(3, connection.createArrayOf("integer", positions.toArray()));
            insert.setArray(4, texts(reactions, ParsedPost.Reaction::emoji));
            insert.setArray(5, longs(reactions, ParsedPost.Reaction::count));
            insert.executeUpdate();
        }
    }

    private void deleteFor(String table, Long[] ids) throws SQLException {
        if (ids.length == 0) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE channel_id = ? AND post_id = ANY (?)")) {
            delete.setLong(1, channelId);
            delete.setArray(2, connection.createArrayOf("bigint", ids));
            delete.executeUpdate();
        }
    }

    private <T> java.sql.Array texts(List<T> rows, Function<T, String> column) throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column).toArray(String[]::new));
    }

    private <T> java.sql.Array longs(List<T> rows, Function<T, Long> column) throws SQLException {
        return connection.createArrayOf("bigint", rows.stream().map(column).toArray(Long[]::new));
    }
}
