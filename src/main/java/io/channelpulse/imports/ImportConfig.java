package io.channelpulse.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Imports of Telegram Desktop exports. */
@ConfigMapping(prefix = "pulse.imports")
public interface ImportConfig {

    /** Messages stored per transaction: larger batches import faster and hold the channel's lock longer. */
    @WithDefault("1000")
    int batch();

    /** Problems with single messages kept per import (the count of skipped messages goes on past it). */
    @WithDefault("100")
    int maxErrors();
}
