package io.channelpulse.ingest.telegram;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelHandleTest {

    @ParameterizedTest
    @CsvSource({
            "EmbUSA, EmbUSA",
            "@EmbUSA, EmbUSA",
            "'  @EmbUSA  ', EmbUSA",
            "t.me/EmbUSA, EmbUSA",
            "https://t.me/EmbUSA, EmbUSA",
            "https://t.me/s/EmbUSA, EmbUSA",
            "http://t.me/s/EmbUSA/, EmbUSA",
            "https://t.me/EmbUSA/10212, EmbUSA",
            "https://telegram.me/EmbUSA, EmbUSA",
            "https://t.me/s/EmbUSA?before=10212, EmbUSA",
            "pulse_edge, pulse_edge",
            "mid_russia, mid_russia",
    })
    void acceptsWhatPeoplePaste(String input, String handle) {
        assertThat(ChannelHandle.parse(input)).map(ChannelHandle::value).contains(handle);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "@", "abc", "1channel", "_channel", "channel_", "has space", "emb-usa",
            "https://t.me/joinchat/AAAAAE", "https://t.me/+AbCdEf", "https://example.com/s/EmbUSA",
            "t.me/s/", "a_thirty_three_character_handle_x", "канал_новостей"})
    void refusesWhatIsNotAPublicChannel(String input) {
        assertThat(ChannelHandle.parse(input)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"EmbUSA, embusa", "Pulse_Edge, pulse_edge"})
    void comparesWithoutCase(String handle, String key) {
        assertThat(ChannelHandle.parse(handle).orElseThrow().key()).isEqualTo(key);
    }
}
