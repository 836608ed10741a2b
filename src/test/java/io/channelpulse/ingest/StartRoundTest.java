package io.channelpulse.ingest;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.TelegramStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start polls every channel once: the channels of {@code pulse.channels} that the registry has just added (and
 * queued a poll of) are not queued again by the start's round over every channel, even when their first poll has
 * already begun or ended by then. Before, each of those was polled twice, and with two thousand channels the second
 * round held up the due checks for as long as the first.
 */
@QuarkusTest
@TestProfile(StartRoundTest.ConfiguredChannels.class)
class StartRoundTest {

    public static class ConfiguredChannels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.channels", "EmbUSA,pulse_edge");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void theStartPollsEachConfiguredChannelOnce() {
        TelegramStandIn telegram = PulseTestResources.telegram();
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM channels WHERE last_polled_at IS NOT NULL AND polled_by IS NULL") == 2);

        // a poll asked for by hand queues behind anything the start queued: once it has run, the start's polls have too
        Admin.given().post("/api/channels/pulse_edge/poll").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> newestPageRequests(telegram, "pulse_edge") == 2);

        assertThat(newestPageRequests(telegram, "EmbUSA")).isEqualTo(1);
    }

    private static long newestPageRequests(TelegramStandIn telegram, String handle) {
        return telegram.requestedPaths().stream().filter(("/s/" + handle)::equals).count();
    }
}
