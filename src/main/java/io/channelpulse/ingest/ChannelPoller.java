package io.channelpulse.ingest;

import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.store.Channel;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * When channels are polled: at start (resuming interrupted backfills), every {@code pulse.poll.every},
 * and on request. One channel at a time, since all requests go to one host anyway.
 */
@ApplicationScoped
public class ChannelPoller {

    @Inject
    ChannelUpdater updater;

    @Inject
    ChannelRegistry registry;

    @Inject
    IngestConfig config;

    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "channel-poller");
        thread.setDaemon(true);
        return thread;
    });

    void onStart(@Observes StartupEvent event) {
        if (!config.poll().enabled()) {
            Log.info("Polling is off (pulse.poll.enabled=false)");
            return;
        }
        for (String configured : config.channels().orElse(List.of())) {
            if (configured.isBlank()) {
                continue;
            }
            ChannelHandle.parse(configured).ifPresentOrElse(registry::ensureTracked,
                    () -> Log.errorf("pulse.channels: '%s' is not a channel handle; skipped", configured));
        }
        pollAll();
    }

    /** Lets the poll in progress end (interrupted) while the database is still there, so its lease is released. */
    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.shutdownNow();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            Log.warn("A channel poll did not stop within 10 s; its lease runs out by itself");
        }
    }

    @Scheduled(every = "{pulse.poll.every}", delayed = "{pulse.poll.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollAll() {
        if (!config.poll().enabled()) {
            return;
        }
        QuarkusTransaction.requiringNew().call(Channel::pollableIds).forEach(this::pollSoon);
    }

    /** Queues a poll of the channel unless one is already waiting. */
    public void pollSoon(long channelId) {
        if (!queued.add(channelId)) {
            return;
        }
        worker.submit(() -> {
            queued.remove(channelId);
            try {
                updater.update(channelId);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Log.errorf(e, "Poll of channel %d failed", channelId);
            }
        });
    }
}
