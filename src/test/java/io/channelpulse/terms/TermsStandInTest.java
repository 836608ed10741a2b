package io.channelpulse.terms;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.channelpulse.testing.TelegramStandIn;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path from a preview page: a channel with 45 quiet days and then a day with a new name and a new tag,
 * read from the Telegram stand-in by the poller. The name is among the rising terms of that day; the watched name
 * that stays flat is not.
 */
@QuarkusTest
class TermsStandInTest {

    private static final String HANDLE = "terms_demo";
    private static final LocalDate NEW_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    @Inject
    DataSource dataSource;

    private final TelegramStandIn telegram = PulseTestResources.telegram();

    @BeforeEach
    void startEmpty() {
        Db.reset(dataSource);
        telegram.reset();
    }

    @Test
    void aNewNameIsAmongTheRisingTermsOfItsDay() {
        StringBuilder messages = new StringBuilder();
        int id = 0;
        for (int day = 45; day >= 1; day--) {
            LocalDate quiet = NEW_DAY.minusDays(day);
            messages.append(message(++id, quiet + "T08:00:00+00:00", "Переговоры о поставках зерна провёл министр Лавров"));
            messages.append(message(++id, quiet + "T15:00:00+00:00", "Погода в регионе остаётся тёплой, сообщают синоптики"));
        }
        messages.append(message(++id, NEW_DAY + "T08:00:00+00:00", "Переговоры о поставках зерна провёл министр Лавров"));
        for (int i = 0; i < 12; i++) {
            messages.append(message(++id, NEW_DAY + "T1" + (i % 10) + ":0" + (i / 10) + ":00+00:00",
                    "На станцию прибыл " + (i % 2 == 0 ? "Рафаэль Гросси" : "Рафаэля Гросси") + ", пишут агентства #атомстанция"));
        }
        telegram.always("/s/" + HANDLE, TelegramStandIn.Answer.page(page(messages.toString())));
        telegram.always("/s/" + HANDLE + "?before=1", TelegramStandIn.Answer.page(page("")));

        Admin.given().body(Map.of("handle", HANDLE)).post("/api/channels").then().statusCode(201);
        int posts = id;
        await().atMost(Duration.ofSeconds(60)).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM posts p JOIN channels c ON c.id = p.channel_id WHERE c.handle = ?", HANDLE) == posts);

        List<Map<String, Object>> rising = given().queryParam("from", NEW_DAY.toString()).queryParam("to", NEW_DAY.toString())
                .queryParam("sort", "rising").get("/api/terms").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(rising).filteredOn(e -> "name".equals(e.get("kind"))).first()
                .satisfies(e -> assertThat(e).containsEntry("label", "Рафаэль Гросси").containsEntry("count", 12)
                        .containsEntry("previous", 0).containsEntry("watched", false));
        assertThat(rising).extracting(e -> e.get("label")).doesNotContain("Лавров", "лавров", "атомстанция");
    }

    private static String page(String messages) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HANDLE + " – Telegram</title>"
                + "<link rel=\"canonical\" href=\"https://t.me/s/" + HANDLE + "\"/></head>"
                + "<body class=\"widget_frame_base tgme_webpreview_body\"><main class=\"tgme_main\"><div class=\"tgme_container\">"
                + "<section class=\"tgme_right_column\"><div class=\"tgme_channel_info\"><div class=\"tgme_channel_info_header\">"
                + "<div class=\"tgme_channel_info_header_title_wrap\"><div class=\"tgme_channel_info_header_title\"><span dir=\"auto\">"
                + "Terms demo</span></div></div><div class=\"tgme_channel_info_header_username\"><a href=\"https://t.me/" + HANDLE
                + "\">@" + HANDLE + "</a></div></div></div></section>"
                + "<section class=\"tgme_channel_history js-message_history\">" + messages
                + "</section></div></main></body></html>";
    }

    private static String message(int id, String at, String text) {
        return "<div class=\"tgme_widget_message_wrap js-widget_message_wrap\"><div class=\"tgme_widget_message js-widget_message\""
                + " data-post=\"" + HANDLE + "/" + id + "\"><div class=\"tgme_widget_message_bubble\">"
                + "<div class=\"tgme_widget_message_text js-message_text\" dir=\"auto\">" + text.replace("#атомстанция",
                "<a href=\"?q=%23atom\">#атомстанция</a>") + "</div>"
                + "<div class=\"tgme_widget_message_footer compact js-message_footer\"><div class=\"tgme_widget_message_info short js-message_info\">"
                + "<span class=\"tgme_widget_message_views\">10</span><span class=\"tgme_widget_message_meta\">"
                + "<a class=\"tgme_widget_message_date\" href=\"https://t.me/" + HANDLE + "/" + id + "\"><time datetime=\"" + at
                + "\" class=\"time\">00:00</time></a></span></div></div></div></div></div>\n";
    }
}
