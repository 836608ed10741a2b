package io.channelpulse.spikes;

import io.channelpulse.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    Sql db;

    /** A spike's key and bucket. */
    record Bucket(String metric, String key, Instant start, Instant end) {
    }

    /**
     * The links of each bucket, in the order given, read in one statement: an hour-by-hour week has a thousand
     * spikes, and a round trip each was most of its time.
     */
    List<List<String>> links(List<Bucket> buckets, List<Long> channelIds) {
        if (buckets.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(List.of(
                buckets.stream().map(Bucket::metric).toArray(String[]::new),
                buckets.stream().map(Bucket::key).toArray(String[]::new),
                buckets.stream().map(Bucket::start).toArray(Instant[]::new),
                buckets.stream().map(Bucket::end).toArray(Instant[]::new)));
        String sql = "SELECT s.i, ARRAY(SELECT 'https://t.me/' || c.handle || '/' || p.id FROM posts p"
                + " JOIN channels c ON c.id = p.channel_id"
                + " WHERE p.kind = 'post' AND p.published_at >= s.start AND p.published_at < s.stop"
                + (channelIds == null ? "" : " AND p.channel_id = ANY (?)")
                + " AND CASE s.metric WHEN 'topic' THEN s.key = ANY (p.hashtags) WHEN 'mention' THEN s.key = ANY (p.mentions)"
                + " WHEN 'forward' THEN lower(p.forwarded_handle) = s.key ELSE p.text LIKE ANY (f.forms) END"
                + " ORDER BY p.views DESC NULLS LAST, p.published_at, p.id LIMIT " + LINKS + ")"
                + " FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY"
                + " AS s (metric, key, start, stop, i)"
                // a name candidate is found by the forms it was written in, as substrings
                + " CROSS JOIN LATERAL (SELECT ARRAY(SELECT '%' || replace(replace(replace(form, '\\', '\\\\'), '%', '\\%'),"
                + " '_', '\\_') || '%' FROM term_forms WHERE s.metric = 'name' AND kind = 'name' AND key = s.key) AS forms) f"
                + " ORDER BY s.i";
        if (channelIds != null) {
            parameters.add(0, channelIds.toArray(Long[]::new));
        }
        List<List<String>> links = new ArrayList<>();
        db.forEach(sql, parameters, rs -> links.add(rs.getTexts(2)));
        return links;
    }
}
