package io.channelpulse.ops;

import io.channelpulse.store.ChannelStatus;
import io.channelpulse.store.PostStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the app did, counted for Prometheus at {@code /q/metrics}: one method per event, called on one line
 * where the event happens. Every series exists from the start at zero, so that {@code rate()} and alerts work
 * before the first event.
 */
@Startup
@ApplicationScoped
public class PulseMetrics {

    /** Bounds of the t.me latency histogram: a preview page takes from tens of milliseconds to the 20 s timeout. */
    private static final Duration[] LATENCY_BUCKETS = Arrays.stream(
            new long[]{50, 100, 250, 500, 1000, 2500, 5000, 10000, 20000}).mapToObj(Duration::ofMillis)
            .toArray(Duration[]::new);

    private final Map<ChannelStatus, Counter> polls = new EnumMap<>(ChannelStatus.class);
    private final Counter pages;
    private final Counter rateLimited;
    private final Counter retries;
    private final Timer requests;
    private final Counter newPosts;
    private final Counter editedPosts;
    private final Counter deletedPosts;
    private final Counter digestsSent;
    private final Counter digestsFailed;

    @Inject
    public PulseMetrics(MeterRegistry registry) {
        for (ChannelStatus status : ChannelStatus.values()) {
            if (status != ChannelStatus.PAUSED) {
                polls.put(status, Counter.builder("pulse.polls").tag("outcome", status.value())
                        .description("Polls of a channel that ended, by the channel status they left").register(registry));
            }
        }
        pages = Counter.builder("pulse.telegram.pages")
                .description("Preview pages fetched from Telegram (HTTP 200)").register(registry);
        rateLimited = Counter.builder("pulse.telegram.rate.limited")
                .description("HTTP 429 answers from Telegram").register(registry);
        retries = Counter.builder("pulse.telegram.retries")
                .description("Requests to Telegram made again after a 429, a 5xx, a timeout or a connection error")
                .register(registry);
        requests = Timer.builder("pulse.telegram.request")
                .description("Time of one HTTP request to Telegram, from sending to the whole answer read")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        newPosts = Counter.builder("pulse.posts.stored").tag("change", "new")
                .description("Posts stored: new ones, and ones stored before whose text changed")
                .register(registry);
        editedPosts = Counter.builder("pulse.posts.stored").tag("change", "edited").register(registry);
        deletedPosts = Counter.builder("pulse.posts.deleted")
                .description("Posts confirmed deleted from their channel, by a second read or their embed page")
                .register(registry);
        digestsSent = Counter.builder("pulse.digest.mails").tag("outcome", "sent")
                .description("Digest mails the SMTP server accepted, and sends that failed").register(registry);
        digestsFailed = Counter.builder("pulse.digest.mails").tag("outcome", "failed").register(registry);
    }

    /** A poll ended and left the channel in {@code status}. */
    public void pollEnded(ChannelStatus status) {
        Counter counter = polls.get(status);
        if (counter != null) {
            counter.increment();
        }
    }

    public void postsDeleted(int count) {
        deletedPosts.increment(count);
    }

    public void pageFetched() {
        pages.increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void retrying() {
        retries.increment();
    }

    /** One request to Telegram took {@code nanos}, whatever it answered. */
    public void telegramRequest(long nanos) {
        requests.record(Duration.ofNanos(nanos));
    }

    public void postsStored(PostStore.StoredPage page) {
        newPosts.increment(page.added());
        editedPosts.increment(page.edited());
    }

    public void digestSent() {
        digestsSent.increment();
    }

    public void digestFailed() {
        digestsFailed.increment();
    }
}
