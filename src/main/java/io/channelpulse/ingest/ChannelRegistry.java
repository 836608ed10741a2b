package io.channelpulse.ingest;

import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.store.Channel;
import io.channelpulse.store.ChannelPurge;
import io.channelpulse.store.ChannelStatus;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.util.List;
import java.util.Optional;

/**
 * Which channels are tracked: adding (and resuming), pausing, removing, polling on request. A poll it wants is
 * a {@link PollAsked} event for {@link ChannelPoller}, so that neither of the two needs the other.
 */
@ApplicationScoped
public class ChannelRegistry {

    /** The channel after {@link #track}; {@code created} is false when it was tracked already. */
    public record Tracked(Channel channel, boolean created) {
    }

    private record Outcome(Tracked tracked, boolean pollNow) {
    }

    @Inject
    Event<PollAsked> pollAsked;

    @Inject
    IngestConfig config;

    @Inject
    ChannelPurge purge;

    /**
     * Tracks the channel, resuming it if paused; a new or resumed channel is polled right away. A channel of
     * generated demo data stays paused: its posts are made up, and t.me must never be asked for them.
     */
    public Tracked track(ChannelHandle handle) {
        Outcome outcome;
        try {
            outcome = QuarkusTransaction.requiringNew().call(() -> trackInTransaction(handle));
        } catch (PersistenceException raced) {
            // Another request added the same handle between our look-up and insert.
            outcome = new Outcome(new Tracked(find(handle).orElseThrow(() -> raced), false), false);
        }
        if (outcome.pollNow()) {
            pollAsked.fire(new PollAsked(outcome.tracked().channel().id));
        }
        return outcome.tracked();
    }

    /**
     * At start, before the poller's first round ({@link ChannelPoller} observes it later): the channels of
     * {@code pulse.channels}, unless polling is off.
     */
    void onStart(@Observes @Priority(PollAsked.TRACK_CONFIGURED) StartupEvent event) {
        if (!config.poll().enabled()) {
            return;
        }
        for (String configured : config.channels().orElse(List.of())) {
            if (configured.isBlank()) {
                continue;
            }
            ChannelHandle.parse(configured).ifPresentOrElse(this::ensureTracked,
                    () -> Log.errorf("pulse.channels: '%s' is not a channel handle; skipped", configured));
        }
    }

    /**
     * Makes sure a configured channel is tracked, without resuming it: someone who paused a channel
     * listed in {@code pulse.channels} should not see it come back at every start.
     */
    public void ensureTracked(ChannelHandle handle) {
        if (find(handle).isEmpty()) {
            track(handle);
        }
    }

    private static Outcome trackInTransaction(ChannelHandle handle) {
        Optional<Channel> existing = Channel.findByHandle(handle.value());
        if (existing.isPresent()) {
            Channel channel = existing.get();
            boolean resumed = channel.status == ChannelStatus.PAUSED && !isDemoData(channel);
            if (resumed) {
                channel.status = ChannelStatus.ACTIVE;
            }
            return new Outcome(new Tracked(channel, false), resumed);
        }
        Channel channel = new Channel();
        channel.handle = handle.value();
        channel.persistAndFlush();
        return new Outcome(new Tracked(channel, true), true);
    }

    /** Whether the channel holds the generator's made-up posts (demo data), which are never polled. */
    public static boolean isDemoData(Channel channel) {
        return Channel.isDemoHandle(channel.handle);
    }

    public Optional<Channel> find(ChannelHandle handle) {
        return QuarkusTransaction.requiringNew().call(() -> Channel.findByHandle(handle.value()));
    }

    /** Stops polling the channel; its posts stay unless {@code purgePosts}. False if it is not tracked. */
    public boolean untrack(ChannelHandle handle, boolean purgePosts) {
        return QuarkusTransaction.requiringNew().call(() -> Channel.findByHandle(handle.value()).map(channel -> {
            if (purgePosts) {
                purge.takeOutShares(channel.id);
                channel.delete();
            } else {
                channel.status = ChannelStatus.PAUSED;
            }
            return true;
        }).orElse(false));
    }

    /** Queues a poll now; empty if the channel is not tracked. */
    public Optional<Channel> pollNow(ChannelHandle handle) {
        Optional<Channel> channel = find(handle);
        channel.filter(c -> c.status != ChannelStatus.PAUSED && !isDemoData(c)).ifPresent(c -> pollAsked.fire(new PollAsked(c.id)));
        return channel;
    }
}
