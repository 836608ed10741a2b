package io.channelpulse.ingest.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelpulse.analytics.HandleMentions;
import io.channelpulse.analytics.Hashtags;
import io.channelpulse.ingest.telegram.ParsedPost.Media;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PreviewPageParserTest {

    private static final String FIXTURES = "/fixtures/telegram/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each channel's fixture pages, oldest first, as its expected/{channel}.posts.json lists the posts. */
    private static final Map<String, List<String>> PAGES = Map.of(
            "EmbUSA", List.of("EmbUSA_before_10133.html", "EmbUSA_before_10212.html", "EmbUSA.html"),
            "pulse_edge", List.of("pulse_edge.html"));

    static Stream<Arguments> channels() {
        return PAGES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void everyPostMatchesTheExpectedJson(String channel, List<String> pages) throws Exception {
        List<ParsedPost> posts = new ArrayList<>();
        for (String page : pages) {
            posts.addAll(parse(page).posts());
        }
        JsonNode expected = json("expected/" + channel + ".posts.json");

        List<Long> expectedIds = new ArrayList<>();
        expected.forEach(p -> expectedIds.add(p.get("id").asLong()));
        assertThat(posts).extracting(ParsedPost::id).containsExactlyElementsOf(expectedIds);
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < posts.size(); i++) {
            comparePost(softly, posts.get(i), expected.get(i));
        }
        softly.assertAll();
    }

    private static void comparePost(SoftAssertions softly, ParsedPost post, JsonNode want) {
        String at = post.channel() + "/" + post.id() + " ";
        softly.assertThat(post.channel()).as(at + "channel").isEqualTo(want.get("channel").asText());
        softly.assertThat(post.publishedAt()).as(at + "publishedAt").isEqualTo(Instant.parse(want.get("publishedAt").asText()));
        softly.assertThat(post.kind().name().toLowerCase(Locale.ROOT)).as(at + "kind").isEqualTo(want.get("kind").asText());
        softly.assertThat(collapsed(post.text())).as(at + "text").isEqualTo(collapsed(want.get("text").asText()));
        softly.assertThat(post.views()).as(at + "views").isEqualTo(longOrNull(want.get("views")));
        softly.assertThat(post.edited()).as(at + "edited").isEqualTo(want.get("edited").asBoolean());
        softly.assertThat(post.signature()).as(at + "signature").isEqualTo(textOrNull(want.get("signature")));
        JsonNode forward = want.get("forwardedFrom");
        if (forward.isNull()) {
            softly.assertThat(post.forwardedFrom()).as(at + "forwardedFrom").isNull();
        } else {
            softly.assertThat(post.forwardedFrom()).as(at + "forwardedFrom").isNotNull();
            if (post.forwardedFrom() != null) {
                softly.assertThat(post.forwardedFrom().handle()).as(at + "forward handle").isEqualTo(forward.get("handle").asText());
                softly.assertThat(post.forwardedFrom().postId()).as(at + "forward postId").isEqualTo(forward.get("postId").asLong());
            }
        }
        softly.assertThat(post.replyTo()).as(at + "replyTo").isEqualTo(longOrNull(want.get("replyTo")));
        softly.assertThat(Hashtags.keys(post.text())).as(at + "hashtags").isEqualTo(strings(want.get("hashtags")));
        softly.assertThat(HandleMentions.keys(post.text(), post.links())).as(at + "handleMentions")
                .isEqualTo(strings(want.get("handleMentions")));
        softly.assertThat(post.media()).extracting(Media::type).as(at + "media").isEqualTo(strings(want.get("media")));
        List<String> reactions = new ArrayList<>();
        want.get("reactions").forEach(r -> reactions.add(r.get("emoji").asText() + " " + r.get("count").asLong()));
        softly.assertThat(post.reactions()).extracting(r -> r.emoji() + " " + r.count()).as(at + "reactions").isEqualTo(reactions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void everyPageHeaderMatchesTheExpectedJson(String channel, List<String> pages) throws Exception {
        JsonNode want = json("expected/channels.json").get(channel);
        for (String page : pages) {
            ChannelHeader header = parse(page).channel();
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(header.handle()).as(page + " handle").isEqualTo(want.get("handle").asText());
            softly.assertThat(header.title()).as(page + " title").isEqualTo(want.get("title").asText());
            if (want.has("description")) {
                softly.assertThat(header.description()).as(page + " description").isEqualTo(want.get("description").asText());
            }
            if (want.has("verified")) {
                softly.assertThat(header.verified()).as(page + " verified").isEqualTo(want.get("verified").asBoolean());
            }
            JsonNode counters = want.get("counters");
            ChannelHeader.Counters got = header.counters();
            softly.assertThat(got.subscribers()).as(page + " subscribers").isEqualTo(counters.get("subscribers").asLong());
            softly.assertThat(got.photos()).as(page + " photos").isEqualTo(counters.get("photos").asLong());
            softly.assertThat(got.videos()).as(page + " videos").isEqualTo(counters.get("videos").asLong());
            softly.assertThat(got.files()).as(page + " files").isEqualTo(counters.get("files").asLong());
            softly.assertThat(got.links()).as(page + " links").isEqualTo(counters.get("links").asLong());
            softly.assertAll();
        }
    }

    @Test
    void headerReadsAvatarAndVerifiedMark() throws Exception {
        ChannelHeader embUsa = parse("EmbUSA.html").channel();
        assertThat(embUsa.avatarUrl()).isEqualTo("https://cdn4.telesco.pe/file/avatar_EmbUSA.jpg");
        assertThat(embUsa.verified()).isFalse();
        assertThat(parse("pulse_edge.html").channel().verified()).isTrue();
    }

    @Test
    void paginationFollowsTheMoreLinkToAnEmptyPage() throws Exception {
        assertThat(parse("EmbUSA.html").moreBefore()).isEqualTo(10212L);
        assertThat(parse("EmbUSA_before_10212.html").moreBefore()).isEqualTo(10133L);
        PreviewPage end = parse("EmbUSA_before_10133.html");
        assertThat(end.posts()).isEmpty();
        assertThat(end.moreBefore()).isNull();
        assertThat(end.endOfHistory()).isTrue();
        assertThat(end.channel().handle()).isEqualTo("EmbUSA");
        assertThat(parse("pulse_edge.html").moreBefore()).isNull();

        int total = 0;
        for (String page : PAGES.get("EmbUSA")) {
            total += parse(page).posts().size();
        }
        assertThat(total).isEqualTo(23);
    }

    @Test
    void textKeepsLineBreaksEmojiAndMarkupCharacters() throws Exception {
        assertThat(post("EmbUSA_before_10212.html", 10142).text())
                .contains("Security Council presidency.\nFollow the ministry: @MFARussia");
        assertThat(post("pulse_edge.html", 506).text())
                .isEqualTo("Text with <angle brackets> & ampersands, \"quotes\" and a line\nbreak.");
        assertThat(post("EmbUSA.html", 10212).text())
                .startsWith("📄Excerpts from the Concept")
                .contains("their associations <...> & for their transition")
                .endsWith("\n\n👉Read in full");
    }

    @Test
    void quotedReplyAndLinkPreviewAreNotPartOfTheText() throws Exception {
        ParsedPost reply = post("EmbUSA_before_10212.html", 10148);
        assertThat(reply.text()).isEqualTo("Correction: the debate starts at 10:00 EDT, not 11:00.");
        assertThat(reply.replyTo()).isEqualTo(10150L);
        assertThat(reply.media()).isEmpty();

        ParsedPost withPreview = post("EmbUSA_before_10212.html", 10142);
        assertThat(withPreview.text()).doesNotContain("ShouldNotCount", "NotThisHandle", "Not this text");
        assertThat(withPreview.links()).containsExactly("https://t.me/MFARussia");
        assertThat(withPreview.media()).containsExactly(new Media("link_preview",
                "https://mid.ru/en/press_service/spokesman/briefings/",
                "Briefing by Foreign Ministry Spokeswoman Maria Zakharova", "mid.ru", null, List.of()));

        List<String> allTags = new ArrayList<>();
        for (ParsedPost post : parse("EmbUSA_before_10212.html").posts()) {
            allTags.addAll(Hashtags.keys(post.text()));
            assertThat(HandleMentions.keys(post.text(), post.links())).doesNotContain("notthishandle");
        }
        assertThat(allTags).doesNotContain("shouldnotcount", "shouldnotcounteither");
    }

    @Test
    void mediaDetailsAreRead() throws Exception {
        assertThat(post("EmbUSA_before_10212.html", 10163).media()).containsExactly(new Media("poll", null,
                "Topic of the next Q&A", null, null, List.of("Arms control", "Culture", "Consular services")));
        assertThat(post("EmbUSA_before_10212.html", 10154).media()).containsExactly(new Media("album", null, null, null, 4, List.of()));
        assertThat(post("EmbUSA_before_10212.html", 10157).media()).containsExactly(new Media("document",
                "https://t.me/EmbUSA/10157", "MFA_statement_grain_initiative.pdf", null, null, List.of()));
        assertThat(post("EmbUSA_before_10212.html", 10172).media()).containsExactly(new Media("location",
                "https://maps.google.com/maps?q=40.66,-74.07", null, null, null, List.of()));
        assertThat(post("EmbUSA_before_10212.html", 10136).media()).containsExactly(new Media("video",
                "https://t.me/EmbUSA/10136", null, null, null, List.of()));
        assertThat(post("EmbUSA_before_10212.html", 10169).text()).isEmpty();
    }

    @Test
    void forwardSignatureEditMarkAndLinksAreRead() throws Exception {
        ParsedPost forwarded = post("EmbUSA.html", 10212);
        assertThat(forwarded.forwardedFrom()).isEqualTo(new ParsedPost.ForwardSource("Russian MFA 🇷🇺", "MFARussia", 16501L));
        assertThat(forwarded.links()).containsExactly("https://mid.ru/en/foreign_policy/news/");
        ParsedPost signed = post("pulse_edge.html", 504);
        assertThat(signed.signature()).isEqualTo("Duty officer");
        assertThat(signed.edited()).isTrue();
        ParsedPost signedOnly = post("EmbUSA_before_10212.html", 10145);
        assertThat(signedOnly.signature()).isEqualTo("Press Office");
        assertThat(signedOnly.edited()).isFalse();
        assertThat(post("pulse_edge.html", 503).links()).containsExactly("https://t.me/Channel_Pulse_Test",
                "http://t.me/another_channel", "http://t.me/joinchat/AAAAAE", "http://t.me/addstickers/set1");
    }

    @Test
    void serviceMessageIsKeptAndMarked() throws Exception {
        ParsedPost pinned = post("EmbUSA_before_10212.html", 10181);
        assertThat(pinned.kind()).isEqualTo(ParsedPost.Kind.SERVICE);
        assertThat(pinned.text()).isEqualTo("Embassy pinned «Consular section notice»");
        assertThat(pinned.views()).isNull();
    }

    @Test
    void countersOfAnotherUiLanguageFallBackToTheirPosition() throws Exception {
        String chinese = fixture("EmbUSA.html")
                .replace(">subscribers<", ">位订阅者<").replace(">photos<", ">张照片<")
                .replace(">videos<", ">个视频<").replace(">files<", ">个文件<").replace(">links<", ">个链接<");
        assertThat(PreviewPageParser.parse(chinese).channel().counters())
                .isEqualTo(new ChannelHeader.Counters(6990L, 5590L, 651L, 145L, 2940L));
    }

    @Test
    void handleFallsBackToTheFirstMessage() throws Exception {
        String html = fixture("pulse_edge.html").replaceFirst(
                "<div class=\"tgme_channel_info_header_username\">.*?</div>", "");
        assertThat(PreviewPageParser.parse(html).channel().handle()).isEqualTo("pulse_edge");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "<html><body><p>Hello</p><a href=\"https://t.me/x\">x</a></body></html>",
            "<html><head><title>Telegram: Contact @EmbUSA</title></head><body><div class=\"tgme_page\">"
                    + "<div class=\"tgme_page_title\">Embassy</div></div></body></html>",
            "{\"ok\":false}"})
    void aPageThatIsNotAChannelPreviewIsRejected(String html) {
        assertThatThrownBy(() -> PreviewPageParser.parse(html))
                .isInstanceOf(PreviewPageException.class)
                .hasMessageContaining("not a channel preview page");
    }

    @Test
    void aMessageWithoutDatetimeIsRejectedByName() {
        String html = fixture("pulse_edge.html").replace(
                "<time datetime=\"2024-03-03T10:00:00+00:00\" class=\"time\">", "<time class=\"time\">");
        assertThatThrownBy(() -> PreviewPageParser.parse(html))
                .isInstanceOf(PreviewPageException.class)
                .hasMessageContaining("pulse_edge/503");
    }

    @Test
    void aMessageWithoutDataPostIsRejectedByPosition() {
        String html = fixture("pulse_edge.html").replace("data-post=\"pulse_edge/502\"", "");
        assertThatThrownBy(() -> PreviewPageParser.parse(html))
                .isInstanceOf(PreviewPageException.class)
                .hasMessageContaining("message #2");
    }

    @Test
    void unreadableViewsAreRejectedByName() {
        String html = fixture("pulse_edge.html").replace(">843<", ">lots<");
        assertThatThrownBy(() -> PreviewPageParser.parse(html))
                .isInstanceOf(PreviewPageException.class)
                .hasMessageContaining("pulse_edge/501 views");
    }

    private static ParsedPost post(String page, long id) throws PreviewPageException {
        return parse(page).posts().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    private static PreviewPage parse(String page) throws PreviewPageException {
        return PreviewPageParser.parse(fixture(page));
    }

    private static String fixture(String name) {
        try (InputStream in = PreviewPageParserTest.class.getResourceAsStream(FIXTURES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String name) throws IOException {
        return JSON.readTree(fixture(name));
    }

    private static String collapsed(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static Long longOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asLong();
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
