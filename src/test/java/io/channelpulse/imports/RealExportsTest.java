package io.channelpulse.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelpulse.analytics.Hashtags;
import io.channelpulse.analytics.HandleMentions;
import io.channelpulse.ingest.telegram.ParsedPost;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The two real export excerpts of {@code ../shared/fixtures/exports/} (not copied into the project: read where
 * they are, when that folder is there), every message checked against its {@code expected.json}.
 */
class RealExportsTest {

    static final Path EXPORTS = Path.of("..", "shared", "fixtures", "exports");

    @ParameterizedTest
    @ValueSource(strings = {"library_zh", "salaf_en_ar"})
    void everyMessageReadsAsExpected(String name) throws Exception {
        Path export = EXPORTS.resolve(name + ".result.json");
        assumeThat(Files.exists(export)).as("the shared fixtures folder " + EXPORTS.toAbsolutePath()).isTrue();
        JsonNode expected = new ObjectMapper().readTree(EXPORTS.resolve(name + ".expected.json").toFile());

        List<ExportReader.Chat> chats;
        try (InputStream in = Files.newInputStream(export)) {
            chats = ExportReader.chats(in);
        }
        assertThat(chats).singleElement().satisfies(chat -> {
            assertThat(chat.type()).isEqualTo("public_channel");
            assertThat(chat.messages()).isEqualTo(expected.size());
        });
        List<ExportMessage> messages = new ArrayList<>();
        List<ExportProblem> problems = new ArrayList<>();
        try (InputStream in = Files.newInputStream(export)) {
            // Every message has date_unixtime: a wrong zone must not matter.
            ExportReader.read(in, 0, "somechannel", ZoneId.of("Pacific/Kiritimati"), new ExportReader.Messages() {
                @Override
                public void message(ExportMessage message) {
                    messages.add(message);
                }

                @Override
                public void unreadable(ExportProblem problem) {
                    problems.add(problem);
                }
            });
        }
        assertThat(problems).isEmpty();
        assertThat(messages).hasSize(expected.size());
        for (int i = 0; i < messages.size(); i++) {
            ExportMessage message = messages.get(i);
            JsonNode want = expected.get(i);
            ParsedPost post = message.post();
            String where = name + " message " + want.get("id").asLong();
            assertThat(message.id()).as(where).isEqualTo(want.get("id").asLong());
            assertThat(post).as(where).isNotNull();
            assertThat(post.channel()).isEqualTo("somechannel");
            assertThat(post.kind()).as(where + " kind")
                    .isEqualTo(want.get("type").asText().equals("service") ? ParsedPost.Kind.SERVICE : ParsedPost.Kind.POST);
            assertThat(post.publishedAt()).as(where + " time")
                    .isEqualTo(Instant.ofEpochSecond(Long.parseLong(want.get("date_unixtime").asText())));
            assertThat(post.edited()).as(where + " edit mark").isEqualTo(!want.get("edited").isNull());
            assertThat(post.signature()).as(where + " signature").isEqualTo(want.get("author").textValue());
            assertThat(post.forwardedFrom() == null ? null : post.forwardedFrom().title()).as(where + " forward")
                    .isEqualTo(want.get("forwarded_from").textValue());
            assertThat(post.replyTo()).as(where + " reply")
                    .isEqualTo(want.get("reply_to_message_id").isNull() ? null : want.get("reply_to_message_id").asLong());
            if (post.kind() == ParsedPost.Kind.POST) {
                assertThat(post.text()).as(where + " text").isEqualTo(want.get("plain_text").asText().strip());
                assertThat(Hashtags.keys(post.text())).as(where + " hashtags").isEqualTo(keys(want.get("hashtags")));
                assertThat(HandleMentions.keys(post.text(), post.links())).as(where + " handles")
                        .containsAll(strings(want.get("mentions")));
            } else {
                assertThat(post.text()).as(where + " service text").isNotBlank();
            }
            assertThat(post.media().stream().anyMatch(m -> m.type().equals("photo"))).as(where + " photo")
                    .isEqualTo("photo".equals(want.get("media").textValue()));
            List<String> reactions = new ArrayList<>();
            want.get("reactions").forEach(r -> reactions.add(r.get(0).asText() + " " + r.get(1).asLong()));
            assertThat(post.reactions().stream().map(r -> r.emoji() + " " + r.count()).toList()).as(where + " reactions")
                    .isEqualTo(reactions);
            assertThat(post.views()).isNull();
        }
    }

    private static List<String> keys(JsonNode hashtags) {
        TreeSet<String> keys = new TreeSet<>();
        hashtags.forEach(tag -> keys.add(tag.asText().substring(1).toLowerCase(Locale.ROOT)));
        return List.copyOf(keys);
    }

    private static List<String> strings(JsonNode values) {
        List<String> strings = new ArrayList<>();
        values.forEach(v -> strings.add(v.asText()));
        return strings;
    }
}
