package io.channelpulse.web;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.store.PostQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One cursor format for every listing, and the search page's older bare offsets still read. */
class PostCursorTest {

    @Test
    void positionsAndOffsetsComeBackAsWritten() {
        PostQuery.Position position = new PostQuery.Position(Instant.parse("2024-03-01T07:00:00Z"), 7, 501);
        assertThat(PostCursor.decode(PostCursor.encode(position))).isEqualTo(position);
        assertThat(PostCursor.decodeOffset(PostCursor.encodeOffset(40))).isEqualTo(40);
        assertThat(PostCursor.encodeOffset(40)).doesNotContain("=").doesNotContain("+").doesNotContain("/");
    }

    @Test
    void anOlderBareOffsetStillReads() {
        assertThat(PostCursor.decodeOffset("20")).isEqualTo(20);
        assertThat(PostCursor.decodeOffset(" 0 ")).isZero();
        assertThat(PostCursor.decodeOffset(null)).isZero();
        assertThat(PostCursor.decodeOffset("")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "99999999999", "b2Zmc2V0fHg"})
    void anythingElseIsABadCursor(String cursor) {
        assertThatThrownBy(() -> PostCursor.decodeOffset(cursor)).isInstanceOf(BadParameterException.class)
                .hasMessage("cursor: not a cursor from a previous answer's 'next'");
    }
}
