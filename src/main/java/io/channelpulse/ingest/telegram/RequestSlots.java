package io.channelpulse.ingest.telegram;

import java.time.Duration;

/**
 * Turns at the host shared with every other instance that sends from the same address. The reader asks; the app
 * decides where the turns are kept, so this package needs nothing else of it.
 */
public interface RequestSlots {

    /** Reserves the next turn for a request to {@code host}, a {@code gap} after the one before; how long to wait. */
    Duration reserve(String host, Duration gap);
}
