package io.channelpulse.ingest.telegram;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EmbedAnswerTest {

    static final String NOT_FOUND = "<html><body class=\"widget_frame_base\"><div class=\"tgme_widget_message_error\">"
            + "Post not found</div></body></html>";
    static final String POST = "<html><body><div class=\"tgme_widget_message text_not_supported_wrap js-widget_message\""
            + " data-post=\"EmbUSA/10151\"><div class=\"tgme_widget_message_text\">Hello</div></div></body></html>";

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("200, post not found", 200, NOT_FOUND, EmbedAnswer.DELETED),
                Arguments.of("200, spacing around the message", 200,
                        "<div class='tgme_widget_message_error'>\n  Post not found \n</div>", EmbedAnswer.DELETED),
                Arguments.of("200, the post", 200, POST, EmbedAnswer.PRESENT),
                Arguments.of("200, another error box", 200,
                        "<div class=\"tgme_widget_message_error\">Channel is private</div>", EmbedAnswer.UNKNOWN),
                Arguments.of("200, a page we do not know", 200, "<html><body>Loading…</body></html>", EmbedAnswer.UNKNOWN),
                Arguments.of("200, empty", 200, "", EmbedAnswer.UNKNOWN),
                Arguments.of("the words in the post's own text", 200,
                        POST.replace("Hello", "Post not found"), EmbedAnswer.PRESENT),
                Arguments.of("403 with the box", 403, NOT_FOUND, EmbedAnswer.UNKNOWN),
                Arguments.of("404", 404, NOT_FOUND, EmbedAnswer.UNKNOWN),
                Arguments.of("502", 502, NOT_FOUND, EmbedAnswer.UNKNOWN),
                Arguments.of("429", 429, "", EmbedAnswer.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void onlyTelegramsPostNotFoundBoxSaysDeleted(String name, int status, String body, EmbedAnswer expected) {
        assertThat(EmbedAnswer.read(status, body)).isEqualTo(expected);
    }
}
