package io.channelpulse.spikes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When a bucket counts as a spike (see {@link SpikeRule}). */
@ConfigMapping(prefix = "pulse.spikes")
public interface SpikesConfig {

    /** Fewest posts a bucket needs to be a spike, however unusual: keeps 1 → 3 from being one. */
    @WithDefault("5")
    int minCount();

    /** Smallest score, -log10 of the chance of the count or more under the baseline: 6 is one in a million. */
    @WithDefault("6")
    double minScore();
}
