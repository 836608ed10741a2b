package io.channelpulse.spikes;

import io.channelpulse.analytics.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The posts that drove a spike: its bucket's most viewed posts naming the key, as t.me links. A name candidate is
 * found by full-text search for its label as a phrase, which the russian configuration stems as the name's key
 * was stemmed, so every word form of it matches (posts_text_search).
 */
@ApplicationScoped
class SpikePosts {

    static final int LINKS = 5;

    @Inject
    DataSource dataSource;

    List<String> links(String metric, String key, String label, Instant start, Instant end, List<Long> channelIds) {
        String match = switch (metric) {
            case "name" -> "to_tsvector('russian', p.text) @@ phraseto_tsquery('russian', ?)";
            case "topic" -> "p.hashtags @> ARRAY[?]::text[]";
            case "mention" -> "p.mentions @> ARRAY[?]::text[]";
            case "forward" -> "lower(p.forwarded_handle) = ?";
            default -> throw new IllegalArgumentException("no posts for metric " + metric);
        };
        List<Object> parameters = new ArrayList<>(List.of(Timestamp.from(start), Timestamp.from(end),
                metric.equals("name") ? label : key));
        String sql = "SELECT c.handle, p.id FROM posts p JOIN channels c ON c.id = p.channel_id"
                + " WHERE p.kind = 'post' AND p.published_at >= ? AND p.published_at < ? AND " + match;
        if (channelIds != null) {
            sql += " AND p.channel_id = ANY (?)";
            parameters.add(channelIds.toArray(Long[]::new));
        }
        sql += " ORDER BY p.views DESC NULLS LAST, p.published_at, p.id LIMIT " + LINKS;
        List<String> links = new ArrayList<>();
        Sql.query(dataSource, sql, parameters, rs -> links.add("https://t.me/" + rs.getString(1) + "/" + rs.getLong(2)));
        return links;
    }
}
