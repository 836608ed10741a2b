package io.channelpulse.web.pages;

import io.channelpulse.analytics.RollupTimezone;
import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;

/** The notice every page shows while the rollups are counted again for a new time zone. */
@TemplateGlobal
class CountsRebuilding {

    private CountsRebuilding() {
    }

    /** Null unless a rebuild is under way, on this instance or another one. */
    static String countsRebuilding() {
        return Arc.container().instance(RollupTimezone.class).get().rebuildNotice().orElse(null);
    }
}
