package io.channelpulse.network;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * Computed network answers by question and data version. A year of a large network takes hundreds of milliseconds to
 * sum and build, and dashboards ask the same periods again and again; keyed by the version, an answer is never served
 * after the data changed, on this instance or another. Answers of older versions are left to expire.
 */
@ApplicationScoped
class NetworkAnswers {

    /** Long enough for a page and its API calls to share an answer, short enough that old versions leave memory. */
    private static final Duration KEPT = Duration.ofMinutes(1);

    /** What was asked, of which version of the data; {@code channelIds} null for every tracked channel. */
    record Question(String answer, long version, LocalDate first, LocalDate last, List<Long> channelIds, String kind) {
        Question {
            channelIds = channelIds == null ? null : List.copyOf(channelIds);
        }
    }

    private final Cache<Question, Object> answers = Caffeine.newBuilder().expireAfterWrite(KEPT).maximumSize(200).build();

    /** The answer to the question, computed once however many ask it at the same time. */
    @SuppressWarnings("unchecked")
    <T> T get(Question question, Supplier<T> compute) {
        return (T) answers.get(question, key -> compute.get());
    }
}
