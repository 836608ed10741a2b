package io.channelpulse.digest;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.TopQuery;
import io.channelpulse.spikes.Spike;
import io.channelpulse.spikes.SpikeFinder;
import io.channelpulse.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** Reads what a day's digest needs from the rollups and posts, and hands it to the {@link DigestBuilder}. */
@ApplicationScoped
public class DigestContent {

    static final int LIMIT = 5;

    @Inject
    Sql db;

    @Inject
    TopQuery topQuery;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    SpikeFinder spikeFinder;

    @Inject
    PublicUrlConfig publicUrl;

    private final DigestBuilder builder = new DigestBuilder();

    /** The digest of {@code day} in pulse.timezone, narrowed to {@code channels} unless that is null. */
    public Digest digest(LocalDate day, List<String> channels) {
        ZoneId zone = analytics.timezone();
        List<Long> ids = channels == null ? null : db.list(
                "SELECT id FROM channels WHERE lower(handle) = ANY (?)", rs -> rs.getLong(1),
                (Object) channels.stream().map(c -> c.toLowerCase(Locale.ROOT)).toArray(String[]::new));
        Long[] idArray = ids == null ? null : ids.toArray(Long[]::new);
        String channelFilter = ids == null ? "" : " AND c.id = ANY (?)";

        List<DigestBuilder.ChannelCount> counts = db.list(
                "SELECT c.handle, d.posts, d.views FROM daily_posts d JOIN channels c ON c.id = d.channel_id "
                        + "WHERE d.day = ? AND d.posts > 0" + channelFilter + " ORDER BY d.posts DESC, lower(c.handle)",
                rs -> new DigestBuilder.ChannelCount(rs.getString(1), rs.getLong(2), rs.getLong(3)),
                parameters(day, idArray));

        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<DigestBuilder.DayPost> posts = db.list(
                "SELECT c.handle, p.id, p.published_at, p.text, p.views FROM posts p JOIN channels c ON c.id = p.channel_id "
                        + "WHERE p.kind = 'post' AND p.published_at >= ? AND p.published_at < ?" + channelFilter
                        + " ORDER BY p.views DESC NULLS LAST, p.published_at DESC, p.id DESC LIMIT " + LIMIT,
                rs -> new DigestBuilder.DayPost(rs.getString(1), rs.getLong(2), rs.getInstant(3),
                        rs.getString(4), (Long) rs.getObject(5)),
                parameters(start, end, idArray));

        // when we noticed, not when the post was published: what changed yesterday is yesterday's news
        List<DigestBuilder.ChannelChanges> changes = db.list("SELECT c.handle,"
                        + " (SELECT count(*) FROM posts p WHERE p.channel_id = c.id AND p.deleted_at >= ? AND p.deleted_at < ?),"
                        + " (SELECT count(DISTINCT e.post_id) FROM post_edits e WHERE e.channel_id = c.id"
                        + " AND e.seen_at >= ? AND e.seen_at < ?)"
                        + " FROM channels c WHERE TRUE" + channelFilter + " ORDER BY lower(c.handle)",
                rs -> new DigestBuilder.ChannelChanges(rs.getString(1), rs.getLong(2), rs.getLong(3)),
                parameters(start, end, start, end, idArray));

        LocalDate baseline = day.minusDays(DigestBuilder.BASELINE_DAYS);
        // more than shown, so that rising names below the top few can still be found
        var topics = topQuery.top(Metric.TOPIC, ids, day, day, baseline, TopQuery.Order.COUNT, 50);
        var mentions = topQuery.top(Metric.MENTION, ids, day, day, baseline, TopQuery.Order.COUNT, 50);
        List<Spike> spikes = spikeFinder.find(start, end, ids, SpikeFinder.DAY, LIMIT);
        return builder.build(day, zone, publicUrl.base(), channels, counts, topics, mentions, posts, changes, spikes,
                LIMIT);
    }

    private static Object[] parameters(Object... values) {
        return java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).toArray();
    }
}
