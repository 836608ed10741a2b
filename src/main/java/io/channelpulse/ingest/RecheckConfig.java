package io.channelpulse.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How recent pages are read again, so that deletions are noticed beyond the newest page. */
@ConfigMapping(prefix = "pulse.recheck")
public interface RecheckConfig {

    /** Pages holding posts of the last this many days are read again, walking back a few pages each poll. */
    @WithDefault("7")
    int days();

    /** Recent pages read again per poll, besides the newest page; 0 turns the recheck off. */
    @WithDefault("3")
    int pagesPerPoll();

    /**
     * Posts missed for the first time whose embed page is asked at once, per poll; a post missed beyond that (or
     * whose embed page says nothing clear) waits for the next read of its page to be confirmed.
     */
    @WithDefault("3")
    int embedChecksPerPoll();
}
