package io.channelpulse.ingest;

import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.ingest.telegram.PreviewResult;
import io.channelpulse.ingest.telegram.TelegramConfig;
import io.channelpulse.ingest.telegram.TelegramPreviews;
import io.channelpulse.ingest.telegram.TelegramPreviewsTest;
import io.channelpulse.store.RequestPacing;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.TelegramStandIn;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the app on one database (here two TelegramPreviews, each with its own in-process pacing,
 * sharing the real RequestPacing through SharedRequestSlots): sending from one egress address they still keep the gap between requests to
 * the host together; from two addresses each keeps its own gap and neither waits for the other.
 */
@QuarkusTest
class SharedPacingTest {

    private static final Duration GAP = Duration.ofMillis(400);
    /** The gap is reserved on the database's clock, so allow for a few milliseconds of travel. */
    private static final Duration TRAVEL = Duration.ofMillis(25);

    @Inject
    RequestPacing pacing;

    private final TelegramStandIn telegram = PulseTestResources.telegram();

    @Test
    void twoInstancesTakeTurnsAtTheGap() throws Exception {
        List<Instant> arrivals = sixRequests(instance(Optional.empty()), instance(Optional.empty())).stream()
                .map(TelegramStandIn.Request::arrivedAt).sorted().toList();
        assertThat(arrivals).hasSize(6);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(Duration.between(arrivals.get(i - 1), arrivals.get(i))).isGreaterThanOrEqualTo(GAP.minus(TRAVEL));
        }
    }

    @Test
    void oneEgressNameSharesTheGap() throws Exception {
        List<Instant> arrivals = sixRequests(instance(Optional.of("nat-1")), instance(Optional.of("nat-1"))).stream()
                .map(TelegramStandIn.Request::arrivedAt).sorted().toList();
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(Duration.between(arrivals.get(i - 1), arrivals.get(i))).isGreaterThanOrEqualTo(GAP.minus(TRAVEL));
        }
    }

    @Test
    void twoEgressNamesDoNotShareTheGap() throws Exception {
        List<TelegramStandIn.Request> requests = sixRequests(instance(Optional.of("egress-a")),
                instance(Optional.of("egress-b")));
        List<Instant> fromA = arrivalsOf(requests, "/s/EmbUSA");
        List<Instant> fromB = arrivalsOf(requests, "/s/pulse_edge");
        assertThat(fromA).hasSize(3);
        assertThat(fromB).hasSize(3);
        // each address keeps its own gap ...
        for (List<Instant> one : List.of(fromA, fromB)) {
            for (int i = 1; i < one.size(); i++) {
                assertThat(Duration.between(one.get(i - 1), one.get(i))).isGreaterThanOrEqualTo(GAP.minus(TRAVEL));
            }
        }
        // ... and does not wait for the other's: requests of the two come closer together than one gap allows
        Duration closest = fromA.stream().flatMap(a -> fromB.stream().map(b -> Duration.between(a, b).abs()))
                .min(Duration::compareTo).orElseThrow();
        assertThat(closest).isLessThan(GAP.minus(TRAVEL));
    }

    /**
     * Three requests from each instance at once, the first asking for EmbUSA and the second for pulse_edge; the
     * requests that arrived.
     */
    private List<TelegramStandIn.Request> sixRequests(TelegramPreviews first, TelegramPreviews second)
            throws Exception {
        telegram.reset();
        // A new client's first request spends a while on its connection and classes before it reaches the
        // server, which would make the first measured gap look short; warm each one up first.
        first.newest(new ChannelHandle("EmbUSA"));
        second.newest(new ChannelHandle("pulse_edge"));
        // and let the slots the warm-up reserved pass
        Thread.sleep(GAP.multipliedBy(2).toMillis());
        telegram.reset();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<PreviewResult>> requests = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                requests.add(threads.submit(() -> first.newest(new ChannelHandle("EmbUSA"))));
                requests.add(threads.submit(() -> second.newest(new ChannelHandle("pulse_edge"))));
            }
            for (Future<PreviewResult> request : requests) {
                assertThat(request.get()).isInstanceOf(PreviewResult.Page.class);
            }
        } finally {
            threads.shutdownNow();
        }
        return telegram.requests();
    }

    private static List<Instant> arrivalsOf(List<TelegramStandIn.Request> requests, String path) {
        return requests.stream().filter(r -> r.pathAndQuery().equals(path)).map(TelegramStandIn.Request::arrivedAt)
                .sorted().toList();
    }

    private TelegramPreviews instance(Optional<String> egress) {
        TelegramConfig config = TelegramPreviewsTest.config(telegram.baseUrl(), GAP, 1, Duration.ofSeconds(5),
                Duration.ofSeconds(10), egress);
        return TelegramPreviewsTest.previews(config, new SharedRequestSlots(pacing, config));
    }
}
