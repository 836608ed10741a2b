package io.channelpulse.digest;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The digests of one run, each built once however many subscribers get it: subscribers of the same day and the
 * same channels (or all channels) get the same edition.
 */
final class DigestEditions {

    private record Edition(LocalDate day, List<String> channels) {
    }

    private final BiFunction<LocalDate, List<String>, Digest> build;
    private final Map<Edition, Digest> built = new HashMap<>();

    /** @param build reads a day's digest, narrowed to the channels unless they are null */
    DigestEditions(BiFunction<LocalDate, List<String>, Digest> build) {
        this.build = build;
    }

    Digest of(LocalDate day, List<String> channels) {
        return built.computeIfAbsent(new Edition(day, channels), edition -> build.apply(day, channels));
    }
}
