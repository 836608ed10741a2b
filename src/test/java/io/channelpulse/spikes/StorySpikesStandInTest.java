package io.channelpulse.spikes;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Through the stand-in Telegram and the real ingestion: 45 quiet days of @pulse_edge in which Lavrov and #Briefing
 * come up twice a day, then a day on which 14 posts within an hour name Rafael Grossi, new, in several word forms,
 * with the new tag #AtomWatch. The name candidate and the tag are that day's spikes; the flat watched name and tag are not.
 */
@QuarkusTest
class StorySpikesStandInTest {

    static final String HANDLE = "pulse_edge";
    static final LocalDate STORY = LocalDate.parse("2024-03-01");
    static final int PER_PAGE = 20;

    @Inject
    DataSource dataSource;

    private final TelegramStandIn telegram = PulseTestResources.telegram();

    @BeforeEach
    void quietDaysThenAStory() {
        Db.reset(dataSource);
        telegram.reset();
        List<String> messages = new ArrayList<>();
        for (LocalDate day = STORY.minusDays(45); !day.isAfter(STORY); day = day.plusDays(1)) {
            messages.add(message(messages.size() + 1, day.atTime(8, 0), "Talks went on in Vienna, Lavrov said. #Briefing"));
            messages.add(message(messages.size() + 1, day.atTime(12, 0), "The delegation met Lavrov today. #Briefing"));
            messages.add(message(messages.size() + 1, day.atTime(16, 0), "The consulate is closed on Friday."));
        }
        String[] forms = {"Inspectors led by Rafael Grossi arrived at the plant. #AtomWatch",
                "Инспекторы во главе с Рафаэлем Гросси прибыли на станцию. #AtomWatch",
                "The visit of Rafael Grossi will last three days. #AtomWatch",
                "Как сообщили, визит Рафаэля Гросси продлится три дня. #AtomWatch"};
        for (int i = 0; i < 14; i++) {
            messages.add(message(messages.size() + 1, STORY.atTime(9, 0).plusMinutes(4L * i), forms[i % forms.length]));
        }
        serve(messages);
        Admin.given().body(Map.of("handle", HANDLE)).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done") == 1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(messages.size());
    }

    @Test
    void theNewNameAndTheNewTagAreSpikesTheFlatWatchedNameIsNot() {
        List<Map<String, Object>> spikes = given().get("/api/spikes?from=" + STORY + "&to=" + STORY)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(spikes).extracting(s -> s.get("metric") + ":" + s.get("key"))
                .contains("topic:atomwatch")
                .doesNotContain("mention:lavrov", "topic:briefing");
        // the English and the Russian forms stem apart: two name candidates, each in 7 of the 14 posts
        for (String written : List.of("Rafael Grossi", "Гросси")) {
            Map<String, Object> name = spikes.stream().filter(s -> s.get("metric").equals("name"))
                    .filter(s -> ((String) s.get("label")).contains(written)).findFirst()
                    .orElseThrow(() -> new AssertionError("no name spike for " + written + " in " + spikes));
            assertThat(name.get("count")).isEqualTo(7);
            assertThat((List<?>) name.get("posts")).hasSize(5)
                    .allMatch(url -> ((String) url).startsWith("https://t.me/" + HANDLE + "/"));
        }
        assertThat(spikes).allMatch(s -> s.get("metric").equals("name") || s.get("metric").equals("topic"));

        List<Map<String, Object>> before = given().get("/api/spikes?from=" + STORY.minusDays(10) + "&to=" + STORY.minusDays(1))
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(before).as("the quiet days have no spikes").isEmpty();

        List<Map<String, Object>> hours = given().get("/api/spikes?bucket=hour&from=" + STORY + "&to=" + STORY)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(hours).extracting(s -> s.get("metric") + ":" + s.get("count") + ":" + s.get("t"))
                .containsExactlyInAnyOrder("topic:14:" + STORY + "T09:00:00Z", "name:7:" + STORY + "T09:00:00Z",
                        "name:7:" + STORY + "T09:00:00Z");
    }

    private static String message(long id, LocalDateTime at, String text) {
        String tagged = text.replaceAll("#(\\w+)", "<a href=\"?q=%23$1\">#$1</a>");
        return """
                <div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="%1$s/%2$d">
                <div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text" dir="auto">%4$s</div>
                <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">%5$d</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/%1$s/%2$d"><time datetime="%3$s+00:00" class="time">10:00</time></a></span></div></div>
                </div></div></div>
                """.formatted(HANDLE, id, at, tagged, 100 + id);
    }

    /** The messages as preview pages of PER_PAGE, newest first, each linking to the one before. */
    private void serve(List<String> messages) {
        String template = TelegramStandIn.fixture(HANDLE + ".html");
        String head = template.substring(0, template.indexOf("<section class=\"tgme_channel_history"));
        int pages = (messages.size() + PER_PAGE - 1) / PER_PAGE;
        for (int page = 0; page < pages; page++) {
            int newest = messages.size() - page * PER_PAGE;
            int oldest = Math.max(1, newest - PER_PAGE + 1);
            StringBuilder html = new StringBuilder(head).append("<section class=\"tgme_channel_history js-message_history\">\n");
            if (oldest > 1) {
                html.append("<div class=\"tgme_widget_message_centered js-messages_more_wrap\"><a href=\"/s/")
                        .append(HANDLE).append("?before=").append(oldest)
                        .append("\" class=\"tme_messages_more js-messages_more\" data-before=\"").append(oldest)
                        .append("\"></a></div>\n");
            }
            for (int id = oldest; id <= newest; id++) {
                html.append(messages.get(id - 1));
            }
            html.append("</section></div></main></body></html>");
            telegram.always(page == 0 ? "/s/" + HANDLE : "/s/" + HANDLE + "?before=" + (newest + 1),
                    Answer.page(html.toString()));
        }
    }
}
