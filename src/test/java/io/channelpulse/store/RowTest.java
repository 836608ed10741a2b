package io.channelpulse.store;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rule every read of a text array follows: a NULL array is empty, elements are kept as they are. */
class RowTest {

    @Test
    void aNullArrayIsAnEmptyList() {
        assertThat(Row.texts(null)).isEmpty();
    }

    @Test
    void anEmptyArrayIsAnEmptyList() {
        assertThat(Row.texts(new String[0])).isEmpty();
    }

    @Test
    void elementsKeepTheirOrderAndRepeats() {
        assertThat(Row.texts(new String[]{"osce", "nato", "osce"})).containsExactly("osce", "nato", "osce");
    }

    @Test
    void aNullElementIsKept() {
        assertThat(Row.texts(new String[]{"a", null, "b"})).isEqualTo(Arrays.asList("a", null, "b"));
    }

    @Test
    void theListCannotBeChanged() {
        assertThatThrownBy(() -> Row.texts(new String[]{"a"}).add("b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
