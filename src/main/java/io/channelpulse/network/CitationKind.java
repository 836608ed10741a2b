package io.channelpulse.network;

import io.channelpulse.store.CitationCounts.Cited;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which citations a network shows: {@code forward}, {@code mention} or {@code all}. */
public enum CitationKind {
    FORWARD, MENTION, ALL;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CitationKind> of(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value().equals(value)).findFirst();
    }

    /** The posts of a row this kind counts: a post that forwards and mentions a channel cites it once. */
    long posts(Cited cited) {
        return switch (this) {
            case FORWARD -> cited.forwards();
            case MENTION -> cited.mentions();
            case ALL -> cited.citations();
        };
    }

    boolean forwards() {
        return this != MENTION;
    }

    boolean mentions() {
        return this != FORWARD;
    }
}
