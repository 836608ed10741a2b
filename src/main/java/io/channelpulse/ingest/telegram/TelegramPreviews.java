package io.channelpulse.ingest.telegram;

import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Preview pages of public channels, fetched politely: one request at a time, at least
 * {@code pulse.telegram.request-gap} apart, 429 waits for Retry-After, server errors and timeouts back off.
 */
@ApplicationScoped
public class TelegramPreviews {

    @Inject
    TelegramConfig config;

    @Inject
    RequestSlots slots;

    @Inject
    PreviewCounts counts;

    private final Object host = new Object();
    private Instant nextRequestAt = Instant.MIN;
    private PreviewClient client;
    private String baseUrl;
    private String hostName;

    @PostConstruct
    void init() {
        client = new PreviewClient(config.timeout());
        baseUrl = config.baseUrl().replaceAll("/+$", "");
        hostName = URI.create(baseUrl).getAuthority();
    }

    public PreviewResult newest(ChannelHandle handle) throws PreviewUnavailableException, InterruptedException {
        return fetch(URI.create(baseUrl + "/s/" + handle.value()));
    }

    public PreviewResult before(ChannelHandle handle, long before) throws PreviewUnavailableException, InterruptedException {
        return fetch(URI.create(baseUrl + "/s/" + handle.value() + "?before=" + before));
    }

    /**
     * The post's single-post embed page, asked once: a deletion check is worth no retries, since an unclear answer
     * only means waiting for the next read. Time-outs and connection errors say nothing, like a 403 or a 5xx.
     */
    public EmbedAnswer embed(ChannelHandle handle, long postId) throws InterruptedException {
        try {
            PreviewClient.Response response = paced(URI.create(baseUrl + "/" + handle.value() + "/" + postId + "?embed=1"));
            if (response.status() == 429) {
                counts.rateLimited();
            }
            return EmbedAnswer.read(response.status(), response.body());
        } catch (IOException e) {
            Log.debugf("Embed page of %s/%d: %s", handle, postId, e.getMessage());
            return EmbedAnswer.UNKNOWN;
        }
    }

    private PreviewResult fetch(URI uri) throws PreviewUnavailableException, InterruptedException {
        String lastProblem = "no attempt made";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            Duration wait;
            try {
                PreviewClient.Response response = paced(uri);
                int status = response.status();
                if (status == 200) {
                    counts.pageFetched();
                    return read(uri.toString(), response.body());
                }
                if (status >= 300 && status < 400) {
                    String location = response.location().orElse("");
                    if (!location.contains("/s/")) {
                        return new PreviewResult.NoPreview(uri.toString(), location);
                    }
                    throw new PreviewUnavailableException("Unexpected redirect of " + uri + " to " + location, null);
                }
                if (status == 429) {
                    counts.rateLimited();
                    Optional<Duration> asked = Backoff.retryAfter(response.retryAfter().orElse(null), Instant.now());
                    wait = asked.orElse(Backoff.afterFailure(attempt, config.backoff(), jitter()));
                    lastProblem = "HTTP 429 Too Many Requests";
                    if (wait.compareTo(config.maxRetryAfter()) > 0) {
                        throw new PreviewUnavailableException("Telegram asked to wait " + wait.toSeconds()
                                + " s before fetching " + uri, Instant.now().plus(wait));
                    }
                } else if (status >= 500) {
                    wait = Backoff.afterFailure(attempt, config.backoff(), jitter());
                    lastProblem = "HTTP " + status;
                } else {
                    throw new PreviewUnavailableException("HTTP " + status + " for " + uri, null);
                }
            } catch (IOException e) {
                wait = Backoff.afterFailure(attempt, config.backoff(), jitter());
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < config.maxAttempts()) {
                counts.retrying();
                Log.debugf("%s for %s; attempt %d of %d again in %s", lastProblem, uri, attempt + 1,
                        config.maxAttempts(), wait);
                Thread.sleep(wait.toMillis());
            }
        }
        throw new PreviewUnavailableException("Gave up on " + uri + " after " + config.maxAttempts()
                + " attempts: " + lastProblem, null);
    }

    /**
     * The random source of the waits. Backoffs are drawn by every polling thread at once, outside the host lock,
     * and the JDK's default generator is not safe to share between threads; each thread draws from its own.
     */
    static RandomGenerator jitter() {
        return ThreadLocalRandom.current();
    }

    private static PreviewResult read(String url, String body) {
        try {
            return new PreviewResult.Page(url, PreviewPageParser.parse(body));
        } catch (PreviewPageException e) {
            return new PreviewResult.Unparsable(url, body, e.getMessage());
        }
    }

    /**
     * One request at a time to the host from this instance, each at least a (jittered) gap after the previous
     * one ended, and a gap after the last one any other instance sending from the same address started.
     */
    private PreviewClient.Response paced(URI uri) throws IOException, InterruptedException {
        synchronized (host) {
            Duration gap = Backoff.jittered(config.requestGap(), jitter());
            sleep(Duration.between(Instant.now(), nextRequestAt));
            if (!gap.isZero()) {
                sleep(slots.reserve(hostName, gap));
            }
            long started = System.nanoTime();
            try {
                return client.get(uri);
            } finally {
                counts.requestTook(System.nanoTime() - started);
                nextRequestAt = Instant.now().plus(gap);
            }
        }
    }

    private static void sleep(Duration wait) throws InterruptedException {
        if (!wait.isNegative() && !wait.isZero()) {
            Thread.sleep(wait.toMillis());
        }
    }
}
