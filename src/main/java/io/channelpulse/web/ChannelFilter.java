package io.channelpulse.web;

import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.store.Channel;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.ArrayList;
import java.util.List;

/** The repeatable {@code channel} parameter as channel ids; null when it is absent (all channels). */
final class ChannelFilter {

    private ChannelFilter() {
    }

    static List<Long> ids(List<String> handles) {
        if (handles == null || handles.stream().allMatch(h -> h == null || h.isBlank())) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (String handle : handles) {
            if (handle == null || handle.isBlank()) {
                continue;
            }
            ChannelHandle parsed = ChannelHandle.parse(handle).orElseThrow(() ->
                    new BadParameterException("channel", "'" + handle + "' is not a channel handle"));
            Channel channel = QuarkusTransaction.requiringNew().call(() -> Channel.findByHandle(parsed.value()))
                    .orElseThrow(() -> new BadParameterException("channel", "'" + handle + "' is not tracked"));
            ids.add(channel.id);
        }
        return ids;
    }
}
