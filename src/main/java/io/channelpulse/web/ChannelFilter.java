package io.channelpulse.web;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.store.Channel;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The repeatable {@code channel} parameter as tracked channels, looked up in one query; null when it is absent (all channels). */
final class ChannelFilter {

    /** A tracked channel: its id and its handle as stored. */
    record Tracked(long id, String handle) {
    }

    private ChannelFilter() {
    }

    static List<Long> ids(List<String> handles) {
        List<Tracked> tracked = tracked(handles);
        return tracked == null ? null : tracked.stream().map(Tracked::id).toList();
    }

    static List<Tracked> tracked(List<String> handles) {
        List<String> given = handles == null ? List.of() : handles.stream().filter(h -> h != null && !h.isBlank()).toList();
        if (given.isEmpty()) {
            return null;
        }
        List<Optional<ChannelHandle>> parsed = given.stream().map(ChannelHandle::parse).toList();
        List<String> lowered = parsed.stream().flatMap(Optional::stream)
                .map(h -> h.value().toLowerCase(Locale.ROOT)).distinct().toList();
        Map<String, Tracked> tracked = new HashMap<>();
        if (!lowered.isEmpty()) {
            QuarkusTransaction.requiringNew().call(() -> Channel.<Channel>list("lower(handle) in ?1", lowered))
                    .forEach(channel -> tracked.put(channel.handle.toLowerCase(Locale.ROOT),
                            new Tracked(channel.id, channel.handle)));
        }
        // the first handle that cannot be used is the one named, as when they were looked up one by one
        List<Tracked> channels = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String handle = given.get(i);
            ChannelHandle channel = parsed.get(i).orElseThrow(() ->
                    new BadParameterException("channel", "'" + handle + "' is not a channel handle"));
            Tracked found = tracked.get(channel.value().toLowerCase(Locale.ROOT));
            if (found == null) {
                throw new BadParameterException("channel", "'" + handle + "' is not tracked");
            }
            channels.add(found);
        }
        return channels;
    }
}
