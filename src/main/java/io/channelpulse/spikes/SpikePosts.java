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
 * The posts that drove a spike: its bucket's most viewed posts naming the key, as t.me links. The bucket's posts are
 * found by time (posts_newest) and filtered one by one: a bucket holds a few thousand posts at most, while a key's
 * posts over all time, which the GIN indexes would give, can be hundreds of thousands. A name candidate is found by
 * the forms it was written in (term_forms), as substrings.
 */
@ApplicationScoped
class SpikePosts {

    static final int LINKS = 5;

    @Inject
    DataSource dataSource;

    List<String> links(String metric, String key, Instant start, Instant end, List<Long> channelIds) {
        String match = switch (metric) {
            case "name" -> "p.text LIKE ANY (ARRAY(SELECT '%' || replace(replace(replace(form, '\\', '\\\\'), '%', '\\%'),"
                    + " '_', '\\_') || '%' FROM term_forms WHERE kind = 'name' AND key = ?))";
            case "topic" -> "? = ANY (p.hashtags)";
            case "mention" -> "? = ANY (p.mentions)";
            case "forward" -> "lower(p.forwarded_handle) = ?";
            default -> throw new IllegalArgumentException("no posts for metric " + metric);
        };
        List<Object> parameters = new ArrayList<>(List.of(Timestamp.from(start), Timestamp.from(end), key));
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
