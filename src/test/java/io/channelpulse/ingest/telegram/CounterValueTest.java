package io.channelpulse.ingest.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CounterValueTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "6.99K       | 6990",
            "5.01K       | 5010",
            "2.94K       | 2940",
            "5.59K       | 5590",
            "1.1K        | 1100",
            "12.4K       | 12400",
            "1.2M        | 1200000",
            "3M          | 3000000",
            "2.5B        | 2500000000",
            "1.5k        | 1500",
            "12\u202F345 | 12345",
            "12\u00A0345 | 12345",
            "12\u2009345 | 12345",
            "'12 345'    | 12345",
            "12,345      | 12345",
            "843         | 843",
            "0           | 0",
            "' 77 '      | 77",
            "1,5K        | 1500",
    })
    void readsCounts(String raw, long expected) {
        assertThat(CounterValue.parse(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\u00A0", "\u202F\t"})
    void blankIsNoCount(String raw) {
        assertThat(CounterValue.parse(raw)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "K", "1.2.3K", "-5", "1.2X", "99999999999999999999"})
    void rejectsWhatIsNotACount(String raw) {
        assertThatThrownBy(() -> CounterValue.parse(raw)).isInstanceOf(NumberFormatException.class);
    }
}
