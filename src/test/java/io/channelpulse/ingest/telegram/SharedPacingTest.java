package io.channelpulse.ingest.telegram;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the app on one database (here two TelegramPreviews, each with its own in-process pacing,
 * sharing the real RequestPacing): together they still keep the gap between requests to the host.
 */
@QuarkusTest
class SharedPacingTest {

    private static final Duration GAP = Duration.ofMillis(400);

    @Inject
    RequestPacing pacing;

    @Test
    void twoInstancesTakeTurnsAtTheGap() throws Exception {
        TelegramStandIn telegram = PulseTestResources.telegram();
        telegram.reset();
        List<TelegramPreviews> instances = List.of(instance(telegram), instance(telegram));
        // A new client's first request spends a while on its connection and classes before it reaches the
        // server, which would make the first measured gap look short; warm each one up first.
        for (TelegramPreviews instance : instances) {
            instance.newest(new ChannelHandle("EmbUSA"));
        }
        telegram.reset();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<PreviewResult>> requests = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                for (TelegramPreviews instance : instances) {
                    requests.add(threads.submit(() -> instance.newest(new ChannelHandle("EmbUSA"))));
                }
            }
            for (Future<PreviewResult> request : requests) {
                assertThat(request.get()).isInstanceOf(PreviewResult.Page.class);
            }
        } finally {
            threads.shutdownNow();
        }
        List<Instant> arrivals = telegram.requests().stream().map(TelegramStandIn.Request::arrivedAt).sorted().toList();
        assertThat(arrivals).hasSize(6);
        for (int i = 1; i < arrivals.size(); i++) {
            // the gap is reserved on the database's clock, so allow for a few milliseconds of travel
            assertThat(Duration.between(arrivals.get(i - 1), arrivals.get(i)))
                    .isGreaterThanOrEqualTo(GAP.minusMillis(25));
        }
    }

    private TelegramPreviews instance(TelegramStandIn telegram) {
        return TelegramPreviewsTest.previews(TelegramPreviewsTest.config(telegram.baseUrl(), GAP, 1,
                Duration.ofSeconds(5), Duration.ofSeconds(10)), pacing);
    }
}
