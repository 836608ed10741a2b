package io.channelpulse.ingest.telegram;

import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fetching politely from the stand-in, without Quarkus: pacing, retries and what each answer means. */
public class TelegramPreviewsTest {

    private static final ChannelHandle EMBUSA = new ChannelHandle("EmbUSA");

    private final TelegramStandIn telegram = new TelegramStandIn();

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void requestsAreOneAtATimeAndAtLeastTheGapApart() throws Exception {
        TelegramPreviews previews = previews(Duration.ofMillis(300), 3, Duration.ofSeconds(5));
        List<Thread> threads = List.of(new Thread(() -> fetchNewest(previews)), new Thread(() -> fetchNewest(previews)),
                new Thread(() -> fetchNewest(previews)));
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        List<Instant> arrivals = telegram.requests().stream().map(TelegramStandIn.Request::arrivedAt).sorted().toList();
        assertThat(arrivals).hasSize(3);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(Duration.between(arrivals.get(i - 1), arrivals.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void embedPagesArePacedWithThePreviewPagesAndAskedOnce() throws Exception {
        telegram.always("/EmbUSA/10241?embed=1", Answer.page(
                "<div class=\"tgme_widget_message_error\">Post not found</div>"));
        telegram.always("/EmbUSA/10230?embed=1", Answer.status(503, Map.of()));
        TelegramPreviews previews = previews(Duration.ofMillis(300), 3, Duration.ofSeconds(5));
        previews.newest(EMBUSA);
        assertThat(previews.embed(EMBUSA, 10241)).isEqualTo(EmbedAnswer.DELETED);
        assertThat(previews.embed(EMBUSA, 10230)).as("a 5xx says nothing, and is not retried").isEqualTo(EmbedAnswer.UNKNOWN);
        assertThat(previews.embed(EMBUSA, 10212)).as("the stand-in's 404").isEqualTo(EmbedAnswer.UNKNOWN);
        assertThat(telegram.requestedPaths()).containsExactly("/s/EmbUSA", "/EmbUSA/10241?embed=1",
                "/EmbUSA/10230?embed=1", "/EmbUSA/10212?embed=1");
        List<Instant> arrivals = telegram.requests().stream().map(TelegramStandIn.Request::arrivedAt).toList();
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(Duration.between(arrivals.get(i - 1), arrivals.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void aPageIsParsedAndTheOlderOneAskedForWithBefore() throws Exception {
        TelegramPreviews previews = previews(Duration.ZERO, 3, Duration.ofSeconds(5));
        PreviewResult newest = previews.newest(EMBUSA);
        assertThat(newest).isInstanceOf(PreviewResult.Page.class);
        assertThat(((PreviewResult.Page) newest).page().moreBefore()).isEqualTo(10212L);
        PreviewResult older = previews.before(EMBUSA, 10212);
        assertThat(((PreviewResult.Page) older).page().posts()).hasSize(18);
        assertThat(telegram.requestedPaths()).containsExactly("/s/EmbUSA", "/s/EmbUSA?before=10212");
    }

    @Test
    void aRedirectAwayFromThePreviewMeansNoPreview() throws Exception {
        telegram.always("/s/EmbUSA", Answer.status(302, Map.of("Location", "https://t.me/EmbUSA")));
        PreviewResult result = previews(Duration.ZERO, 3, Duration.ofSeconds(5)).newest(EMBUSA);
        assertThat(result).isEqualTo(new PreviewResult.NoPreview(telegram.baseUrl() + "/s/EmbUSA", "https://t.me/EmbUSA"));
        assertThat(telegram.requests()).hasSize(1);
    }

    @Test
    void anUnreadablePageComesBackWithItsBody() throws Exception {
        telegram.always("/s/EmbUSA", Answer.page("<html><body>maintenance</body></html>"));
        PreviewResult result = previews(Duration.ZERO, 3, Duration.ofSeconds(5)).newest(EMBUSA);
        assertThat(result).isInstanceOfSatisfying(PreviewResult.Unparsable.class, unparsable -> {
            assertThat(unparsable.body()).contains("maintenance");
            assertThat(unparsable.error()).contains("not a channel preview page");
        });
    }

    @Test
    void serverErrorsAreRetriedUntilTheAttemptsRunOut() {
        telegram.always("/s/EmbUSA", Answer.status(503, Map.of()));
        TelegramPreviews previews = previews(Duration.ZERO, 4, Duration.ofSeconds(5));
        assertThatThrownBy(() -> previews.newest(EMBUSA))
                .isInstanceOf(PreviewUnavailableException.class)
                .hasMessageContaining("after 4 attempts").hasMessageContaining("HTTP 503");
        assertThat(telegram.requests()).hasSize(4);
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        telegram.queue("/s/EmbUSA", Answer.page(TelegramStandIn.fixture("EmbUSA.html")).after(Duration.ofSeconds(3)));
        TelegramPreviews previews = previews(Duration.ZERO, 3, Duration.ofSeconds(5), Duration.ofMillis(500));
        assertThat(previews.newest(EMBUSA)).isInstanceOf(PreviewResult.Page.class);
        assertThat(telegram.requests()).hasSize(2);
    }

    @Test
    void aLongRetryAfterPostponesInsteadOfWaiting() {
        telegram.always("/s/EmbUSA", Answer.status(429, Map.of("Retry-After", "3600")));
        Instant before = Instant.now();
        assertThatThrownBy(() -> previews(Duration.ZERO, 3, Duration.ofSeconds(5)).newest(EMBUSA))
                .isInstanceOfSatisfying(PreviewUnavailableException.class, e -> assertThat(e.notBefore())
                        .hasValueSatisfying(at -> assertThat(at).isAfter(before.plus(Duration.ofMinutes(59)))));
        assertThat(telegram.requests()).hasSize(1);
    }

    @Test
    void aClientErrorIsNotRetried() {
        TelegramPreviews previews = previews(Duration.ZERO, 3, Duration.ofSeconds(5));
        assertThatThrownBy(() -> previews.before(new ChannelHandle("nobody_here"), 5))
                .isInstanceOf(PreviewUnavailableException.class).hasMessageContaining("HTTP 404");
        assertThat(telegram.requests()).hasSize(1);
    }

    /**
     * Polling threads draw backoffs at the same moment, outside the host lock. Each draws from its own generator,
     * so waits drawn on eight threads at once stay within their bounds and keep spreading on every thread.
     */
    @Test
    void waitsDrawnOnManyThreadsAtOnceStayInTheirBounds() throws Exception {
        int threads = 8;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<java.util.Set<Long>>> draws = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                draws.add(pool.submit(() -> {
                    together.await();
                    java.util.Set<Long> seen = new java.util.HashSet<>();
                    for (int i = 0; i < 20_000; i++) {
                        long backoff = Backoff.afterFailure(2, Duration.ofSeconds(2), TelegramPreviews.jitter()).toMillis();
                        long gap = Backoff.jittered(Duration.ofSeconds(3), TelegramPreviews.jitter()).toMillis();
                        assertThat(backoff).isBetween(3000L, 5000L);
                        assertThat(gap).isBetween(3000L, 4500L);
                        seen.add(backoff);
                    }
                    return seen;
                }));
            }
            for (java.util.concurrent.Future<java.util.Set<Long>> draw : draws) {
                assertThat(draw.get(1, java.util.concurrent.TimeUnit.MINUTES)).hasSizeGreaterThan(1500);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void fetchNewest(TelegramPreviews previews) {
        try {
            previews.newest(EMBUSA);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private TelegramPreviews previews(Duration gap, int attempts, Duration maxRetryAfter) {
        return previews(gap, attempts, maxRetryAfter, Duration.ofSeconds(10));
    }

    private TelegramPreviews previews(Duration gap, int attempts, Duration maxRetryAfter, Duration timeout) {
        // one instance: only its own pacing counts
        return previews(config(gap, attempts, maxRetryAfter, timeout), (host, requestGap) -> Duration.ZERO);
    }

    /** A TelegramPreviews as an instance of the app has it, with the given settings and shared request turns. */
    public static TelegramPreviews previews(TelegramConfig config, RequestSlots slots) {
        TelegramPreviews previews = new TelegramPreviews();
        previews.config = config;
        previews.slots = slots;
        previews.counts = new PreviewCounts() {
            public void pageFetched() { }
            public void rateLimited() { }
            public void retrying() { }
            public void requestTook(long nanos) { }
        };
        previews.init();
        return previews;
    }

    private TelegramConfig config(Duration gap, int attempts, Duration maxRetryAfter, Duration timeout) {
        return config(telegram.baseUrl(), gap, attempts, maxRetryAfter, timeout, Optional.empty());
    }

    public static TelegramConfig config(String baseUrl, Duration gap, int attempts, Duration maxRetryAfter,
                                        Duration timeout, Optional<String> egress) {
        return new TelegramConfig() {
            public String baseUrl() { return baseUrl; }
            public Duration requestGap() { return gap; }
            public int maxAttempts() { return attempts; }
            public Duration backoff() { return Duration.ofMillis(10); }
            public Duration maxRetryAfter() { return maxRetryAfter; }
            public Duration timeout() { return timeout; }
            public Optional<String> egress() { return egress; }
        };
    }
}
