package io.channelpulse.spikes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.DataVersions;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.TopQuery;
import io.channelpulse.analytics.WatchedEntity;
import io.channelpulse.analytics.Watchlist;
import io.channelpulse.terms.TermCounting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The spikes of a period: every bucket of topics, watched names, forward sources and name candidates that
 * {@link SpikeRule} calls one. Only keys with at least the minimum count in some bucket of the period are looked
 * at, so the cost follows the busy keys, not all keys.
 */
@ApplicationScoped
public class SpikeFinder {

    public static final String DAY = "day";
    public static final String HOUR = "hour";

    @Inject
    SpikeCounts counts;

    @Inject
    SpikePosts posts;

    @Inject
    DataVersions versions;

    @Inject
    Watchlist watchlist;

    @Inject
    TopQuery top;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    SpikesConfig config;

    @Inject
    TermCounting termCounting;

    /**
     * @param from       start of the period (the bucket holding it is included)
     * @param to         end of the period, exclusive
     * @param channelIds the channels counted, or null for all
     * @param bucket     {@value #DAY} or {@value #HOUR}, in pulse.timezone
     * @return the spikes, highest score first
     */
    public List<Spike> find(Instant from, Instant to, List<Long> channelIds, String bucket) {
        return find(from, to, channelIds, bucket, Integer.MAX_VALUE);
    }

    /** The {@code limit} strongest spikes: only their posts are looked up, as a panel that shows a few needs. */
    public List<Spike> find(Instant from, Instant to, List<Long> channelIds, String bucket, int limit) {
        if (!DAY.equals(bucket) && !HOUR.equals(bucket)) {
            throw new IllegalArgumentException("bucket must be day or hour, not " + bucket);
        }
        Question question = new Question(versions.read(), from, to,
                channelIds == null ? null : List.copyOf(channelIds), bucket, limit);
        return found.get(question, q -> compute(from, to, channelIds, bucket, limit));
    }

    /**
     * What was asked, of which data and watchlist: the overview asks its panel with every visit, and finding a month's
     * spikes reads the history of every busy key. Keyed by the versions every instance reads from the database, an
     * answer is never served after a committed change of the counts, posts per day or watchlist.
     */
    private record Question(DataVersions.Versions versions, Instant from, Instant to, List<Long> channelIds,
                            String bucket, int limit) {
    }

    private final Cache<Question, List<Spike>> found = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(200).build();

    private List<Spike> compute(Instant from, Instant to, List<Long> channelIds, String bucket, int limit) {
        if (channelIds == null) {
            // the name candidates over all channels are read from the totals, after the versions were
            termCounting.sumTotals();
        }
        ZoneId zone = analytics.timezone();
        SpikeRule rule = new SpikeRule(config.minCount(), config.minScore());
        Set<String> watched = watchlist.entities().stream().map(WatchedEntity::key).collect(Collectors.toSet());
        List<SpikeCounts.Busy> busy = (DAY.equals(bucket)
                ? counts.busyDays(from, to, channelIds, config.minCount(), zone)
                : counts.busyHours(from, to, channelIds, config.minCount(), zone))
                .stream().filter(b -> !b.metric().equals(Metric.MENTION.value()) || watched.contains(b.key())).toList();
        if (busy.isEmpty()) {
            return List.of();
        }
        Map<SpikeCounts.Key, Map<LocalDate, Long>> history = counts.days(busy, channelIds, SpikeRule.BASELINE_DAYS, zone);
        int perDay = DAY.equals(bucket) ? 1 : 24;
        List<Judged> judged = new ArrayList<>();
        for (SpikeCounts.Busy b : busy) {
            LocalDate day = LocalDate.ofInstant(b.t(), zone);
            Map<LocalDate, Long> days = history.getOrDefault(b.keyOf(), Map.of());
            long[] baseline = new long[SpikeRule.BASELINE_DAYS];
            for (int i = 0; i < baseline.length; i++) {
                baseline[i] = days.getOrDefault(day.minusDays(SpikeRule.BASELINE_DAYS - i), 0L);
            }
            SpikeRule.Verdict verdict = rule.judge(b.count(), baseline, perDay);
            if (verdict.spike()) {
                judged.add(new Judged(b, verdict));
            }
        }
        Map<String, Map<String, String>> labels = labels(judged);
        List<Judged> shown = judged.stream()
                .sorted(Comparator.comparingDouble((Judged j) -> j.verdict().score()).reversed()
                        .thenComparing(j -> j.busy().t()).thenComparing(j -> j.busy().key()))
                .limit(limit)
                .toList();
        List<List<String>> links = posts.links(shown.stream().map(j -> new SpikePosts.Bucket(j.busy().metric(),
                j.busy().key(), j.busy().t(), DAY.equals(bucket)
                        ? LocalDate.ofInstant(j.busy().t(), zone).plusDays(1).atStartOfDay(zone).toInstant()
                        : j.busy().t().plus(Duration.ofHours(1)))).toList(), channelIds);
        List<Spike> spikes = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Judged j = shown.get(i);
            spikes.add(new Spike(j.busy().metric(), j.busy().key(), labels.get(j.busy().metric()).get(j.busy().key()),
                    bucket, j.busy().t(), j.busy().count(), j.verdict().expected(), j.verdict().score(), links.get(i)));
        }
        return spikes;
    }

    private record Judged(SpikeCounts.Busy busy, SpikeRule.Verdict verdict) {
    }

    /** metric → key → label, as the top lists show them. */
    private Map<String, Map<String, String>> labels(List<Judged> judged) {
        Map<String, Map<String, String>> labels = new HashMap<>();
        judged.stream().collect(Collectors.groupingBy(j -> j.busy().metric(),
                        Collectors.mapping(j -> j.busy().key(), Collectors.toSet())))
                .forEach((metric, keys) -> labels.put(metric, metric.equals(SpikeCounts.NAME)
                        ? counts.nameLabels(List.copyOf(keys))
                        : top.labels(Metric.of(metric).orElseThrow(), List.copyOf(keys))));
        return labels;
    }
}
