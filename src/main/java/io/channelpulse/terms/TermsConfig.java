package io.channelpulse.terms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Period;

/** How terms are kept and ranked. */
@ConfigMapping(prefix = "pulse.terms")
public interface TermsConfig {

    /**
     * How long a term seen in only one post of a channel-day is kept; older ones are dropped to keep the rollup
     * bounded. At least twice the longest period compared for rising terms, so both halves count alike.
     */
    @WithDefault("P90D")
    Period keepSingletons();

    /** How often singletons past {@link #keepSingletons()} are dropped. */
    @WithDefault("6h")
    String pruneEvery();

    /**
     * How often the queued changes of the channels' terms are added to the totals over channels (daily_term_totals)
     * in the background; a reader of the totals adds what is queued first, so this only spares readers the wait and
     * keeps the queue short. Not more often: during a bulk load each sum writes most of the totals of the days loaded.
     */
    @WithDefault("5m")
    String sumEvery();

    /**
     * How many days of name candidates are also kept by hour (name_hours), for the hour buckets of spikes; older
     * hours are counted from their posts when asked for. The longest period of hour buckets by default.
     */
    @WithDefault("P92D")
    Period nameHours();

    /** Posts a term needs in the period to be listed at all, so one or two stray posts never rank. */
    @WithDefault("3")
    int minPosts();
}
