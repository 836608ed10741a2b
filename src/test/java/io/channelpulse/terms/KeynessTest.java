package io.channelpulse.terms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The signed log-likelihood score of a term's change between two periods. */
class KeynessTest {

    @ParameterizedTest(name = "{0} → {1} of {2} → {3} posts: {4}")
    @CsvSource(textBlock = """
            # previous, count, posts before, posts now, score
            200, 400, 10000, 10000,  70.02
            1,   3,   10000, 10000,  1.05
            0,   14,  2000,  100,    87.21
            100, 100, 10000, 10000,  0
            400, 200, 10000, 10000, -70.02
            10,  20,  1000,  2000,   0
            5,   0,   0,     1000,   0
            """)
    void scores(long previous, long count, long before, long posts, double score) {
        assertThat(Keyness.score(count, previous, posts, before)).isEqualTo(score);
    }

    @Test
    void aRealRiseBeatsSmallNumberNoise() {
        assertThat(Keyness.score(400, 200, 10000, 10000)).isGreaterThan(10 * Keyness.score(3, 1, 10000, 10000));
    }

    @Test
    void aRiseInShareCountsNotARiseInPostsOnly() {
        assertThat(Keyness.score(20, 10, 4000, 1000)).as("twice the posts in four times the posts").isNegative();
    }
}
