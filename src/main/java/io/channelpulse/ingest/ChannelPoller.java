package io.channelpulse.ingest;

import io.channelpulse.store.Channel;
import io.channelpulse.store.ChannelLocks;
import io.channelpulse.store.PollState;
import io.channelpulse.store.StoreException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When channels are polled: at start (resuming interrupted backfills), when each channel's own next check is
 * due ({@link PollInterval}, kept in the database so every instance agrees), on request, and within
 * {@code pulse.poll.resume-every} of a poll that another instance (or this one) left unfinished. One channel at
 * a time, since all requests go to one host anyway.
 *
 * <p>Due checks run as a chain on the poll thread: after each poll it asks the database for the most overdue
 * channel and polls it, or waits until the next one falls due. A poll asked for by hand goes between two links
 * of the chain. The scheduler only starts the chain again when it has stopped (nothing due soon, or the database
 * was away), so the chain does not idle for the scheduler's one-second tick between polls.
 */
@ApplicationScoped
public class ChannelPoller {

    @Inject
    ChannelUpdater updater;

    @Inject
    IngestConfig config;

    @Inject
    ChannelLocks locks;

    @Inject
    PollState state;

    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    /** Every channel this instance has queued or polled since it started: the start's round skips them. */
    private final Set<Long> askedSinceStart = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean chaining = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "channel-poller");
        thread.setDaemon(true);
        return thread;
    });

    void onStart(@Observes @Priority(PollAsked.FIRST_ROUND) StartupEvent event) {
        if (!config.poll().enabled()) {
            Log.info("Polling is off (pulse.poll.enabled=false)");
            return;
        }
        pollAll();
    }

    /** A poll the registry wants (a channel added, resumed or asked for by hand). */
    void onPollAsked(@Observes PollAsked asked) {
        pollSoon(asked.channelId());
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

    /**
     * At start: every channel not paused, at once, as a poll asked for (this also goes on with backfills), but not
     * those already queued or polled since this instance started, such as the channels of {@code pulse.channels}
     * the registry has just added: polled twice, thousands of them would hold up the due checks for a whole round.
     */
    private void pollAll() {
        QuarkusTransaction.requiringNew().call(Channel::pollableIds).stream()
                .filter(channelId -> !askedSinceStart.contains(channelId))
                .forEach(this::pollSoon);
    }

    /** Starts the chain of due checks unless it runs already. */
    @Scheduled(every = "{pulse.poll.resume-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollDue() {
        if (config.poll().enabled() && chaining.compareAndSet(false, true)) {
            worker.execute(this::nextDue);
        }
    }

    /**
     * One link of the chain, on the poll thread: polls the most overdue channel and queues the next link, or waits
     * for the next channel to fall due; it stops when none falls due within {@code pulse.poll.resume-every}
     * (a channel added or polled elsewhere meanwhile is found by the next start).
     */
    private void nextDue() {
        PollState.Due due;
        try {
            due = state.nextDue();
        } catch (StoreException e) {
            Log.debugf(e, "Could not look for channels due for a check");
            chaining.set(false);
            return;
        }
        if (due instanceof PollState.Due.Now now) {
            askedSinceStart.add(now.channelId());
            try {
                updater.update(now.channelId(), true);
            } catch (RuntimeException e) {
                Log.errorf(e, "Poll of channel %d failed", now.channelId());
            }
            worker.execute(this::nextDue);
        } else if (due instanceof PollState.Due.In in && in.after().compareTo(config.poll().resumeEvery()) <= 0) {
            worker.schedule(this::nextDue, in.after().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            chaining.set(false);
        }
    }

    /**
     * A cheap look, every few seconds, for polls left unfinished by an instance that was killed, shut down or
     * cut off from the database: a surviving instance goes on with an interrupted backfill or gap within
     * seconds instead of at its next due check. The lock keeps it to one poller per channel.
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
    boolean pollSoon(long channelId) {
        askedSinceStart.add(channelId);
        if (!queued.add(channelId)) {
            return false;
        }
        worker.submit(() -> {
            queued.remove(channelId);
            try {
                updater.update(channelId, false);
            } catch (RuntimeException e) {
                Log.errorf(e, "Poll of channel %d failed", channelId);
            }
        });
        return true;
    }
}
