package io.channelpulse.spikes;

import java.time.Instant;
import java.util.List;

/**
 * One bucket in which a key was counted far more often than its recent history predicts.
 *
 * @param metric   topic, mention, name (a name candidate from the full text) or forward
 * @param bucket   day or hour
 * @param t        the start of the bucket
 * @param expected what the baseline of the previous 28 days predicts for one bucket
 * @param posts    up to five t.me links of the posts that drove it
 */
public record Spike(String metric, String key, String label, String bucket, Instant t, long count,
                    double expected, double score, List<String> posts) {
}
