package io.channelpulse.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Computed counts (series, top lists, the panels of a page) by question and by the versions of the data and of the
 * watchlist they were computed from, as the network and the spikes are kept. Sixteen people on the same dashboard
 * ask the same periods again and again, and a year of counts takes tens of milliseconds to sum; keyed by the
 * versions that every instance reads from the database (V22/V24 triggers bump the data version at each commit that
 * changes posts per day, counts or channels; V10's the watchlist's), an answer is never served after a committed
 * ingest, purge, recount or watchlist edit. Answers of older versions are left to expire.
 */
@ApplicationScoped
public class KeptAnswers {

    /**
     * An answer asked again within this time stays: keyed by the versions it cannot be stale, and one asked for a
     * minute no more (an older version's) leaves memory. A panel that takes seconds to compute, like a month's
     * spikes, is then computed once per change of the data rather than once a minute.
     */
    private static final Duration KEPT = Duration.ofMinutes(1);

    @Inject
    DataVersions dataVersions;

    private record Versioned(DataVersions.Versions versions, Object question) {
    }

    private final Cache<Versioned, Object> answers = Caffeine.newBuilder().expireAfterAccess(KEPT).maximumSize(1000)
            .build();

    /** The versions now, read once for all the answers of a page. */
    public DataVersions.Versions versions() {
        return dataVersions.read();
    }

    /**
     * The answer to {@code question} (a record naming everything the answer depends on besides the data), computed
     * once however many ask it at the same time.
     */
    public <T> T get(Object question, Supplier<T> compute) {
        return get(versions(), question, compute);
    }

    /** The same for versions read earlier in the request. */
    @SuppressWarnings("unchecked")
    public <T> T get(DataVersions.Versions versions, Object question, Supplier<T> compute) {
        return (T) answers.get(new Versioned(versions, question), key -> compute.get());
    }

    /** A channel filter as part of a question: null (all channels) stays null, a list is copied. */
    public static List<Long> channels(List<Long> channelIds) {
        return channelIds == null ? null : List.copyOf(channelIds);
    }
}
