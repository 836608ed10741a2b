package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads posts newest first, a page at a time, with a keyset cursor so deep pages cost as little as the first. */
@ApplicationScoped
public class PostQuery {

    /**
     * Filters of a post listing; null or empty means no filter. {@code deleted} and {@code edited} keep only the
     * posts that are (true) or are not (false) deleted from their channel, or edited.
     */
    public record Filter(List<Long> channelIds, Instant from, Instant to, String text, String topic, String mention,
                         Boolean deleted, Boolean edited) {

        public Filter(List<Long> channelIds, Instant from, Instant to, String text, String topic, String mention) {
            this(channelIds, from, to, text, topic, mention, null, null);
        }
    }

    /** Where the previous page ended: the last post's time, channel and id. */
    public record Position(Instant publishedAt, long channelId, long id) {
    }

    /** A page of posts; {@code next} is where the following page starts (a position or an offset), null at the end. */
    public record Page(List<PostView> items, Position next, Integer nextOffset) {
    }

    /** How many of the newest matches a relevance search ranks. */
    static final int RANKED = 2000;

    private static final String COLUMNS = """
            SELECT c.handle, p.id, p.published_at, p.text, p.views, p.kind, p.edited, p.signature,
                   p.forwarded_handle, p.forwarded_title, p.forwarded_post_id, p.reply_to, p.hashtags, p.mentions,
                   (SELECT COALESCE(json_agg(json_strip_nulls(json_build_object('type', m.type, 'url', m.url,
                           'title', m.title, 'site', m.site, 'items', m.items,
                           'options', CASE WHEN cardinality(m.options) > 0 THEN m.options END)) ORDER BY m.position), '[]')
                    FROM post_media m WHERE m.channel_id = p.channel_id AND m.post_id = p.id)::text,
                   (SELECT COALESCE(json_agg(json_build_object('emoji', r.emoji, 'count', r.count) ORDER BY r.position), '[]')
                    FROM post_reactions r WHERE r.channel_id = p.channel_id AND r.post_id = p.id)::text,
                   p.channel_id, p.search_vector, p.deleted_at, p.first_seen_at
            """;

    private static final String SELECT = COLUMNS + " FROM posts p JOIN channels c ON c.id = p.channel_id WHERE TRUE";

    @Inject
    Sql db;

    /** Newest first, after the position where the previous page ended. */
    @Transactional
    public Page newestFirst(Filter filter, Position after, int limit) {
        return page(filter, after, null, limit);
    }

    /** Best matches of the text filter first (ts_rank_cd), newest first among equals; pages by offset. */
    @Transactional
    public Page mostRelevant(Filter filter, int offset, int limit) {
        return page(filter, null, offset, limit);
    }

    /** A post's key. */
    public record Key(long channelId, long id) {
    }

    /** The keys of the posts {@link #mostRelevant(Filter, int, int)} pages through, in its order. */
    @Transactional
    public List<Key> relevanceOrder(Filter filter) {
        List<Object> parameters = new ArrayList<>();
        String sql = matches(filter, parameters)
                .append(" SELECT channel_id, id FROM matches ORDER BY rank DESC, published_at DESC, channel_id DESC, id DESC")
                .toString();
        return db.query(sql, parameters).plannedForItsParameters().list(rs -> new Key(rs.getLong(1), rs.getLong(2)));
    }

    /** The page at {@code offset} of posts in an order from {@link #relevanceOrder}, read in full. */
    @Transactional
    public Page mostRelevant(List<Key> order, int offset, int limit) {
        List<Key> keys = order.subList(Math.min(offset, order.size()), Math.min(offset + limit + 1, order.size()));
        String sql = "WITH ranked AS (SELECT * FROM unnest(?::bigint[], ?::bigint[]) WITH ORDINALITY AS k (channel_id, id, position)) "
                + COLUMNS + " FROM ranked JOIN posts p ON p.channel_id = ranked.channel_id AND p.id = ranked.id"
                + " JOIN channels c ON c.id = p.channel_id ORDER BY ranked.position";
        List<Object> parameters = List.of(keys.stream().map(Key::channelId).toArray(Long[]::new),
                keys.stream().map(Key::id).toArray(Long[]::new));
        return read(sql, parameters, offset, limit);
    }

    /**
     * {@code WITH matches AS (…)}: the RANKED newest matches of the filter's text with their rank. Ranking every
     * match of a common word would read hundreds of thousands of rows: the newest RANKED are what people scroll
     * through anyway.
     */
    private static StringBuilder matches(Filter filter, List<Object> parameters) {
        parameters.add(filter.text());
        StringBuilder sql = new StringBuilder("WITH matches AS (SELECT p.channel_id, p.id, p.published_at,"
                + " ts_rank_cd(p.search_vector, websearch_to_tsquery('russian', ?)) AS rank FROM posts p WHERE TRUE");
        conditions(filter, sql, parameters);
        sql.append(" ORDER BY p.published_at DESC, p.channel_id DESC, p.id DESC LIMIT ?)");
        parameters.add(RANKED);
        return sql;
    }

    /**
     * Appends the filter's conditions on {@code posts p} (after a {@code WHERE}) and their parameters; the one place
     * the post listing and the CSV download take their filters from.
     */
    public static void conditions(Filter filter, StringBuilder sql, List<Object> parameters) {
        if (filter.channelIds() != null && !filter.channelIds().isEmpty()) {
            sql.append(" AND p.channel_id = ANY (?)");
            parameters.add(filter.channelIds().toArray(Long[]::new));
        }
        if (filter.from() != null) {
            sql.append(" AND p.published_at >= ?");
            parameters.add(PostStore.utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND p.published_at < ?");
            parameters.add(PostStore.utc(filter.to()));
        }
        if (filter.text() != null) {
            sql.append(" AND p.search_vector @@ websearch_to_tsquery('russian', ?)");
            parameters.add(filter.text());
        }
        if (filter.topic() != null) {
            sql.append(" AND p.hashtags @> ARRAY[?]::text[]");
            parameters.add(filter.topic());
        }
        if (filter.mention() != null) {
            sql.append(" AND p.mentions @> ARRAY[?]::text[]");
            parameters.add(filter.mention());
        }
        // Written as the partial indexes posts_deleted and posts_edited are, so the planner can use them.
        if (filter.deleted() != null) {
            sql.append(filter.deleted() ? " AND p.deleted_at IS NOT NULL" : " AND p.deleted_at IS NULL");
        }
        if (filter.edited() != null) {
            sql.append(filter.edited() ? " AND p.edited" : " AND NOT p.edited");
        }
    }

    private Page page(Filter filter, Position after, Integer offset, int limit) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql;
        if (offset == null) {
            sql = new StringBuilder(SELECT);
            conditions(filter, sql, parameters);
            if (after != null) {
                sql.append(" AND (p.published_at, p.channel_id, p.id) < (?, ?, ?)");
                parameters.add(PostStore.utc(after.publishedAt()));
                parameters.add(after.channelId());
                parameters.add(after.id());
            }
            sql.append(" ORDER BY p.published_at DESC, p.channel_id DESC, p.id DESC LIMIT ?");
            parameters.add(limit + 1);
        } else {
            // Only the page's posts are read in full (media, reactions, channel); reading all RANKED so took most
            // of a search's time.
            sql = matches(filter, parameters).append(", ranked AS (SELECT * FROM matches ORDER BY rank DESC,"
                    + " published_at DESC, channel_id DESC, id DESC LIMIT ? OFFSET ?) ").append(COLUMNS)
                    .append(" FROM ranked JOIN posts p ON p.channel_id = ranked.channel_id AND p.id = ranked.id"
                            + " JOIN channels c ON c.id = p.channel_id ORDER BY ranked.rank DESC, ranked.published_at DESC,"
                            + " ranked.channel_id DESC, ranked.id DESC");
            parameters.add(limit + 1);
            parameters.add(offset);
        }
        return read(sql.toString(), parameters, offset, limit);
    }

    private Page read(String sql, List<Object> parameters, Integer offset, int limit) {
        List<PostView> items = new ArrayList<>();
        Position[] last = new Position[1];
        Position[] next = new Position[1];
        db.query(sql, parameters).plannedForItsParameters().forEach(rs -> {
            if (items.size() == limit) {
                // the one row past the page (the query asks for limit + 1): the next page starts after the last post
                next[0] = last[0];
                return;
            }
            items.add(read(rs));
            last[0] = new Position(rs.getInstant(3), rs.getLong(17), rs.getLong(2));
        });
        boolean more = next[0] != null;
        return new Page(items, offset == null ? next[0] : null, offset != null && more ? offset + limit : null);
    }

    /** A post as {@link #newestFirst} shows it, with what its story reads beside it. */
    record Found(PostView post, long channelId, Instant firstSeenAt) {
    }

    /** The post as {@link #newestFirst} shows it, or empty when we do not have it. */
    @Transactional
    Optional<Found> one(String handle, long id) {
        return db.query(SELECT + " AND lower(c.handle) = lower(?) AND p.id = ?", handle, id)
                .first(rs -> new Found(read(rs), rs.getLong(17), rs.getInstant(20)));
    }

    private static PostView read(Row rs) {
        String handle = rs.getString(1);
        long id = rs.getLong(2);
        String forwardedHandle = rs.getString(9);
        String forwardedTitle = rs.getString(10);
        PostView.Forward forward = forwardedHandle == null && forwardedTitle == null ? null
                : new PostView.Forward(forwardedHandle, forwardedTitle, rs.getNullableLong(11));
        Instant deletedAt = rs.getInstant(19);
        return new PostView(handle, id, "https://t.me/" + handle + "/" + id, rs.getInstant(3),
                rs.getString(4), rs.getNullableLong(5), rs.getString(6), rs.getBoolean(7), rs.getString(8),
                forward, rs.getNullableLong(12), rs.getTexts(13), rs.getTexts(14),
                rs.getString(15), rs.getString(16), deletedAt != null, deletedAt);
    }
}
