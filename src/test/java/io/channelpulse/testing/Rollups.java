package io.channelpulse.testing;

/**
 * Recounts from the posts table, compared with every rollup the storage keeps up to date: each query answers
 * the number of rows that disagree, so 0 means the counts are exactly what the posts say (in UTC).
 */
public final class Rollups {

    public static final String ROLLUP_MISMATCHES = """
            WITH recount AS (
                SELECT 'topic' AS metric, k AS key, channel_id, (published_at AT TIME ZONE 'UTC')::date AS day, count(*) AS posts
                FROM posts, unnest(hashtags) k WHERE kind = 'post' GROUP BY 1, 2, 3, 4
                UNION ALL
                SELECT 'mention', k, channel_id, (published_at AT TIME ZONE 'UTC')::date, count(*)
                FROM posts, unnest(mentions) k WHERE kind = 'post' GROUP BY 1, 2, 3, 4
                UNION ALL
                SELECT 'forward', lower(forwarded_handle), channel_id, (published_at AT TIME ZONE 'UTC')::date, count(*)
                FROM posts WHERE kind = 'post' AND forwarded_handle IS NOT NULL GROUP BY 1, 2, 3, 4
            ), rollup AS (SELECT metric, key, channel_id, day, posts FROM daily_counts WHERE posts <> 0)
            SELECT count(*) FROM recount FULL JOIN rollup USING (metric, key, channel_id, day)
            WHERE recount.posts IS DISTINCT FROM rollup.posts
            """;

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

    public static final String DAILY_POST_MISMATCHES = """
            WITH recount AS (
                SELECT channel_id, (published_at AT TIME ZONE 'UTC')::date AS day, count(*) AS posts,
                       COALESCE(sum(views), 0) AS views
                FROM posts WHERE kind = 'post' GROUP BY 1, 2
            ), rollup AS (SELECT * FROM daily_posts WHERE posts <> 0 OR views <> 0)
            SELECT count(*) FROM recount FULL JOIN rollup USING (channel_id, day)
            WHERE recount.posts IS DISTINCT FROM rollup.posts OR recount.views IS DISTINCT FROM rollup.views
            """;

    private Rollups() {
    }
}
