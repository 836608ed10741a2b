package io.channelpulse.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a series or a top list counts. Keyed metrics count posts naming a key; posts and views need none. */
public enum Metric {
    POSTS(false),
    VIEWS(false),
    TOPIC(true),
    MENTION(true),
    FORWARD(true);

    private final boolean keyed;

    Metric(boolean keyed) {
        this.keyed = keyed;
    }

    public boolean keyed() {
        return keyed;
    }

    /** The name in URLs, rollup rows and JSON. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Metric> of(String value) {
        return Arrays.stream(values()).filter(m -> m.value().equals(value)).findFirst();
    }

    /** Keys are compared as stored: lowercase, without the # of a tag or the @ of a handle. */
    public static String normalizeKey(String key) {
        return key.strip().replaceFirst("^[#@]", "").toLowerCase(Locale.ROOT);
    }
}
