package io.channelpulse.network;

import io.channelpulse.web.Period;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The citation network of a period, read from the daily citation rollups. */
@ApplicationScoped
public class ChannelNetwork {

    /**
     * @param channelIds the citing channels; null for every tracked channel
     * @param kind       {@code forward}, {@code mention} or {@code all}
     */
    public NetworkGraph graph(Period period, List<Long> channelIds, String kind) {
        throw new UnsupportedOperationException("the rollup queries follow in the next commit");
    }

    /** Untracked handles by citations, then citing channels, then handle. */
    public List<DiscoveredChannel> discover(Period period, List<Long> channelIds) {
        throw new UnsupportedOperationException("the rollup queries follow in the next commit");
    }

    /** Who cites the channel and whom it cites, over every tracked channel. */
    public ChannelCitations of(long channelId, Period period) {
        throw new UnsupportedOperationException("the rollup queries follow in the next commit");
    }
}
