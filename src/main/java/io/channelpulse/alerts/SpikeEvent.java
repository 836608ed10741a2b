package io.channelpulse.alerts;

import io.channelpulse.spikes.Spike;

import java.time.Instant;
import java.util.List;

/** The JSON body of a spike webhook. */
record SpikeEvent(String event, String metric, String key, String label, String bucket, Instant t, long count,
                  double expected, double score, List<String> posts, String dashboard) {

    static SpikeEvent of(Spike spike, String dashboard) {
        return new SpikeEvent(Webhooks.SPIKE, spike.metric(), spike.key(), spike.label(), spike.bucket(), spike.t(),
                spike.count(), spike.expected(), spike.score(), spike.posts(), dashboard);
    }
}
