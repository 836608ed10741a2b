package io.channelpulse.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MissingPostsTest {

    static Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of("all there", List.of(10L, 11L, 12L, 13L), List.of(11L, 12L), List.of(), 2, false),
                Arguments.of("one missing", List.of(10L, 12L, 13L, 14L), List.of(11L, 12L, 13L), List.of(11L), 3, false),
                Arguments.of("the ends are not covered", List.of(10L, 20L), List.of(5L, 10L, 20L, 25L), List.of(), 0, false),
                Arguments.of("unstored gaps are no candidates", List.of(10L, 30L), List.of(), List.of(), 0, false),
                Arguments.of("half missing is still marked", List.of(10L, 11L, 12L, 20L), List.of(11L, 12L, 13L, 14L),
                        List.of(13L, 14L), 4, false),
                Arguments.of("more than half missing", List.of(10L, 11L, 20L), List.of(11L, 12L, 13L, 14L),
                        List.of(12L, 13L, 14L), 4, true),
                Arguments.of("20 covered, 4 on the page", List.of(100L, 105L, 110L, 121L),
                        Stream.iterate(101L, id -> id + 1).limit(20).toList(),
                        Stream.iterate(101L, id -> id + 1).limit(20).filter(id -> id != 105 && id != 110).toList(),
                        20, true),
                Arguments.of("a page of one post covers nothing", List.of(10L), List.of(10L), List.of(), 0, false),
                Arguments.of("an empty page covers nothing", List.of(), List.of(10L), List.of(), 0, false),
                Arguments.of("ids out of order", List.of(14L, 10L, 12L), List.of(13L, 11L, 12L), List.of(11L, 13L), 3, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void comparesAPageWithTheStoredPostsItsRangeCovers(String name, List<Long> page, List<Long> stored,
                                                        List<Long> missing, int covered, boolean tooMany) {
        MissingPosts result = MissingPosts.compare(page, stored);
        assertThat(result.missing()).isEqualTo(missing);
        assertThat(result.covered()).isEqualTo(covered);
        assertThat(result.tooMany()).isEqualTo(tooMany);
    }
}
