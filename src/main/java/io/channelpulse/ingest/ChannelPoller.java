package io.channelpulse.ingest;

import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.store.Channel;
import io.channelpulse.store.ChannelLocks;
import io.channelpulse.store.StoreException;
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
 * on request, and within {@code pulse.poll.resume-every} of a poll that another instance (or this one)
 * left unfinished. One channel at a time, since all requests go to one host anyway.
 */
@ApplicationScoped
public class ChannelPoller {

    @Inject
    ChannelUpdater updater;

    @Inject
    ChannelRegistry registry;

    @Inject
    IngestConfig config;

    @Inject
    ChannelLocks locks;

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

    /**
     * Lets the poll in progress stop (interrupted) while the database is still there, so that its lock is
     * released at once and another instance goes on with it; the lock goes with the connection in any case.
     */
    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.shutdownNow();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            Log.warn("A channel poll did not stop within 10 s; its lock goes when this process ends");
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

    /**
     * A cheap look, every few seconds, for polls left unfinished by an instance that was killed, shut down or
     * cut off from the database: a surviving instance goes on with an interrupted backfill or gap within
     * seconds instead of at its next {@code pulse.poll.every}. The lock keeps it to one poller per channel.
     */
    @Scheduled(every = "{pulse.poll.resume-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeUnfinished() {
        if (!config.poll().enabled()) {
            return;
        }
        List<Long> unfinished;
        try {
            unfinished = locks.unfinished();
        } catch (StoreException e) {
            // the database is away; the next look, seconds from now, tries again
            Log.debugf(e, "Could not look for unfinished polls");
            return;
        }
        for (long channelId : unfinished) {
            if (pollSoon(channelId)) {
                Log.infof("Channel %d: its last poll stopped unfinished and nobody holds it; going on with it",
                        channelId);
            }
        }
    }

    /** Queues a poll of the channel unless one is already waiting; whether it was queued now. */
    public boolean pollSoon(long channelId) {
        if (!queued.add(channelId)) {
            return false;
        }
        worker.submit(() -> {
            queued.remove(channelId);
            try {
                updater.update(channelId);
            } catch (RuntimeException e) {
                Log.errorf(e, "Poll of channel %d failed", channelId);
            }
        });
        return true;
    }
}
