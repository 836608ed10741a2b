package io.channelpulse.ops;

import io.channelpulse.analytics.MentionRecount;
import io.channelpulse.store.NewestPosts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Set;

/** Gauges that read the app's state when Prometheus scrapes: the mention recount and how fresh each channel is. */
@Startup
@ApplicationScoped
class StateGauges {

    private static final Set<String> RECOUNTING = Set.of("queued", "running");

    @Inject
    PrometheusMeterRegistry registry;

    @Inject
    MentionRecount recount;

    @Inject
    NewestPosts newestPosts;

    @Inject
    MetricsConfig config;

    @PostConstruct
    void register() {
        Gauge.builder("pulse.recount.done", recount, r -> r.progress().done()).baseUnit("posts").strongReference(true)
                .description("Posts the latest watchlist recount has gone through").register(registry);
        Gauge.builder("pulse.recount.target", recount, r -> r.progress().total()).baseUnit("posts")
                .strongReference(true).description("Posts the latest watchlist recount goes through in all")
                .register(registry);
        Gauge.builder("pulse.recount.running", recount, r -> RECOUNTING.contains(r.progress().state()) ? 1 : 0)
                .strongReference(true).description("1 while a watchlist recount is queued or running")
                .register(registry);
        new NewestPostAges(newestPosts::byChannel, Clock.systemUTC(), config.freshnessReadEvery()).register(registry.getPrometheusRegistry());
    }
}
