package io.channelpulse.digest;

import java.time.Instant;
import java.util.List;

/**
 * A digest subscriber; {@code channels} null means every channel.
 *
 * @param alerts also a short mail per spike (at most one per key and day)
 */
public record Subscriber(long id, String email, List<String> channels, boolean alerts, Instant createdAt,
                         Instant unsubscribedAt) {

    public boolean active() {
        return unsubscribedAt == null;
    }

    /** For the admin page. */
    public String channelList() {
        return channels == null ? "all channels" : String.join(", ", channels);
    }
}
