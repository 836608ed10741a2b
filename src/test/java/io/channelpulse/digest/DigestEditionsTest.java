package io.channelpulse.digest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A run builds each day's digest once per channel list, not once per subscriber. */
class DigestEditionsTest {

    private final List<String> built = new ArrayList<>();
    private final DigestEditions editions = new DigestEditions((day, channels) -> {
        built.add(day + " " + channels);
        return new DigestBuilder().build(day, ZoneId.of("UTC"), "http://pulse.test/", channels, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), 5);
    });

    @Test
    void subscribersOfTheSameDayAndChannelsShareOneDigest() {
        LocalDate may17 = LocalDate.parse("2023-05-17");
        LocalDate may18 = LocalDate.parse("2023-05-18");
        Digest all = editions.of(may17, null);
        assertThat(editions.of(may17, null)).isSameAs(all);
        Digest edge = editions.of(may17, List.of("pulse_edge"));
        assertThat(editions.of(may17, Arrays.asList("pulse_edge"))).isSameAs(edge);
        assertThat(edge).isNotSameAs(all);
        assertThat(editions.of(may18, null).day()).isEqualTo(may18);
        assertThat(editions.of(may18, null)).isNotSameAs(all);
        assertThat(built).containsExactly("2023-05-17 null", "2023-05-17 [pulse_edge]", "2023-05-18 null");
    }
}
