package io.channelpulse.network;

import io.channelpulse.analytics.DataVersions;
import io.channelpulse.network.NetworkAnswers.Question;
import io.channelpulse.store.CitationCounts;
import io.channelpulse.store.CitationCounts.Cited;
import io.channelpulse.store.CitationCounts.TrackedChannel;
import io.channelpulse.analytics.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * The citation network of a period, read from the daily citation rollups (never from the posts), and kept for the
 * version of the data it was computed from.
 */
@ApplicationScoped
public class ChannelNetwork {

    @Inject
    CitationCounts counts;

    @Inject
    DataVersions versions;

    @Inject
    NetworkAnswers answers;

    /**
     * @param channelIds the citing channels; null for every tracked channel. The nodes are those channels and
     *                   every channel they cite; citations count only their posts.
     * @param kind       {@code forward}, {@code mention} or {@code all}
     */
    public NetworkGraph graph(Period period, List<Long> channelIds, String kind) {
        CitationKind shown = CitationKind.of(kind).orElseThrow(() ->
                new IllegalArgumentException("'" + kind + "' is not forward, mention or all"));
        Question question = new Question("graph", versions.read().data(), period.first(), period.last(), channelIds,
                shown.value());
        return answers.get(question, () -> {
            List<TrackedChannel> channels = counts.channels(period.first(), period.last());
            List<Cited> cited = counts.cited(period.first(), period.last(), channelIds);
            return builder(channels, cited, shown.forwards() ? counts.lags(period.first(), period.last(), channelIds)
                    : Map.of()).graph(channelIds, shown);
        });
    }

    /** Untracked handles by citations, then citing channels, then handle. */
    public List<DiscoveredChannel> discover(Period period, List<Long> channelIds) {
        Question question = new Question("discover", versions.read().data(), period.first(), period.last(), channelIds, null);
        return answers.get(question, () -> {
            List<TrackedChannel> channels = counts.channels(period.first(), period.last());
            return builder(channels, counts.cited(period.first(), period.last(), channelIds), Map.of()).discover();
        });
    }

    /** Who cites the channel and whom it cites, over every tracked channel. */
    public ChannelCitations of(long channelId, Period period) {
        Question question = new Question("of", versions.read().data(), period.first(), period.last(), List.of(channelId), null);
        return answers.get(question, () -> {
            List<TrackedChannel> channels = counts.channels(period.first(), period.last());
            String key = channels.stream().filter(channel -> channel.id() == channelId).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no channel " + channelId)).key();
            List<Cited> cited = counts.citedByOrFrom(channelId, key, period.first(), period.last());
            return builder(channels, cited, counts.lagsByOrFrom(channelId, key, period.first(), period.last()))
                    .of(channelId);
        });
    }

    private NetworkBuilder builder(List<TrackedChannel> channels, List<Cited> cited,
                                   Map<CitationCounts.Forwarding, LagSketch> lags) {
        return new NetworkBuilder(channels, cited, lags, counts.sourceNames(NetworkBuilder.untracked(channels, cited)));
    }
}
