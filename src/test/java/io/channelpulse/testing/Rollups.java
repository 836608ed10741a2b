package io.channelpulse.testing;

/**
 * Recounts from the posts table, compared with every rollup the storage keeps up to date: each query answers
 * the number of rows that disagree, so 0 means the counts are exactly what the posts say (in UTC, or in the
 * zone given). A blank forward handle counts as no forward source, as in Counting.
 */
public final class Rollups {

    public static final String ROLLUP_MISMATCHES = rollupMismatches("UTC");

    /** Days and months whose totals over channels differ from the sum of the channels' counts. */
    public static final String TOTAL_MISMATCHES = """
            WITH summed AS (SELECT metric, key, day, sum(posts) AS posts FROM daily_counts GROUP BY 1, 2, 3),
                 by_month AS (SELECT metric, key, date_trunc('month', day)::date AS month, sum(posts) AS posts
                              FROM daily_counts GROUP BY 1, 2, 3)
            SELECT (SELECT count(*) FROM summed FULL JOIN daily_totals t USING (metric, key, day)
                    WHERE COALESCE(summed.posts, 0) <> COALESCE(t.posts, 0))
                 + (SELECT count(*) FROM by_month FULL JOIN monthly_totals m USING (metric, key, month)
                    WHERE COALESCE(by_month.posts, 0) <> COALESCE(m.posts, 0))
            """;

    public static final String DAILY_POST_MISMATCHES = dailyPostMismatches("UTC");

    private Rollups() {
    }

    public static String rollupMismatches(String zone) {
        String day = "(published_at AT TIME ZONE '" + zone + "')::date";
        return """
                WITH recount AS (
                    SELECT 'topic' AS metric, k AS key, channel_id, %1$s AS day, count(*) AS posts
                    FROM posts, unnest(hashtags) k WHERE kind = 'post' GROUP BY 1, 2, 3, 4
                    UNION ALL
                    SELECT 'mention', k, channel_id, %1$s, count(*)
                    FROM posts, unnest(mentions) k WHERE kind = 'post' GROUP BY 1, 2, 3, 4
                    UNION ALL
                    SELECT 'forward', lower(forwarded_handle), channel_id, %1$s, count(*)
                    FROM posts WHERE kind = 'post' AND forwarded_handle ~ '\\S' GROUP BY 1, 2, 3, 4
                ), rollup AS (SELECT metric, key, channel_id, day, posts FROM daily_counts WHERE posts <> 0)
                SELECT count(*) FROM recount FULL JOIN rollup USING (metric, key, channel_id, day)
                WHERE recount.posts IS DISTINCT FROM rollup.posts
                """.formatted(day);
    }

    public static String dailyPostMismatches(String zone) {
        return """
                WITH recount AS (
                    SELECT channel_id, (published_at AT TIME ZONE '%s')::date AS day, count(*) AS posts,
                           COALESCE(sum(views), 0) AS views
                    FROM posts WHERE kind = 'post' GROUP BY 1, 2
                ), rollup AS (SELECT * FROM daily_posts WHERE posts <> 0 OR views <> 0)
                SELECT count(*) FROM recount FULL JOIN rollup USING (channel_id, day)
                WHERE recount.posts IS DISTINCT FROM rollup.posts OR recount.views IS DISTINCT FROM rollup.views
                """.formatted(zone);
    }
}
