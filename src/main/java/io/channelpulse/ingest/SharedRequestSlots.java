package io.channelpulse.ingest;

import io.channelpulse.ingest.telegram.RequestSlots;
import io.channelpulse.ingest.telegram.TelegramConfig;
import io.channelpulse.store.InstanceIdentity;
import io.channelpulse.store.RequestPacing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/** Request turns kept in the database per egress address ({@code pulse.telegram.egress}, else the host name). */
@ApplicationScoped
class SharedRequestSlots implements RequestSlots {

    private final RequestPacing pacing;
    private final String egress;

    @Inject
    SharedRequestSlots(RequestPacing pacing, TelegramConfig config) {
        this.pacing = pacing;
        this.egress = config.egress().filter(e -> !e.isBlank()).orElseGet(InstanceIdentity::hostName);
    }

    @Override
    public Duration reserve(String host, Duration gap) {
        return pacing.reserve(egress, host, gap);
    }
}
