package io.channelpulse.terms;

import io.channelpulse.analytics.MentionRecount;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * GET /api/terms and /terms over 45 quiet days and one day with a new name: the name rises that day, a flat
 * watched name does not, and the page puts the new name on the watchlist with the forms it was written in.
 */
@QuarkusTest
class TermsApiTest {

    private static final LocalDate BURST = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    private static final List<String> QUIET = List.of(
            "Переговоры о поставках зерна провёл министр Лавров",
            "Погода в регионе остаётся тёплой, сообщают синоптики",
            "The harvest of grain continues in the southern regions");

    @Inject
    PostStore store;

    @Inject
    DataSource dataSource;

    @Inject
    MentionRecount recount;

    private long channelId;

    @BeforeEach
    void fortyFiveQuietDaysThenANewName() {
        Db.reset(dataSource);
        channelId = Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES ('EmbUSA', 'paused') RETURNING id");
        List<ParsedPost> posts = new ArrayList<>();
        long id = 1;
        for (int day = 45; day >= 1; day--) {
            Instant noon = BURST.minusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
            for (int i = 0; i < QUIET.size(); i++) {
                posts.add(post(id++, noon.plusSeconds(60L * i), QUIET.get(i)));
            }
        }
        Instant burst = BURST.atTime(9, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < QUIET.size(); i++) {
            posts.add(post(id++, burst.plusSeconds(60L * i), QUIET.get(i)));
        }
        List<String> forms = List.of("Рафаэль Гросси", "Рафаэля Гросси", "Рафаэлем Гросси");
        for (int i = 0; i < 14; i++) {
            posts.add(post(id++, burst.plusSeconds(3600 + 60L * i),
                    "На станцию прибыл " + forms.get(i % 3) + ", пишут агентства #атом"));
        }
        store.storePosts(channelId, posts, Instant.now());
    }

    @Test
    void theNewNameRisesOnItsDayAndTheFlatWatchedNameDoesNot() {
        List<Map<String, Object>> rising = given().queryParam("from", BURST.toString()).queryParam("to", BURST.toString())
                .queryParam("sort", "rising").queryParam("kind", "name").get("/api/terms")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(rising).isNotEmpty();
        assertThat(rising.get(0)).containsEntry("key", "рафаэл гросс").containsEntry("label", "Рафаэль Гросси")
                .containsEntry("kind", "name").containsEntry("count", 14).containsEntry("previous", 0)
                .containsEntry("watched", false);
        assertThat((Float) rising.get(0).get("score")).isGreaterThan(5);
        assertThat(rising).extracting(e -> e.get("label")).doesNotContain("Лавров");

        List<Map<String, Object>> top = given().queryParam("range", "90d").queryParam("kind", "name")
                .get("/api/terms").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(top).filteredOn(e -> "лавр".equals(e.get("key")) || "лавров".equals(e.get("key")))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("count", 46).containsEntry("watched", true));

        List<Map<String, Object>> words = given().queryParam("from", BURST.toString()).queryParam("to", BURST.toString())
                .queryParam("kind", "word").queryParam("limit", "2").get("/api/terms")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(words).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("kind", "word"));
        assertThat(words).extracting(e -> e.get("label")).doesNotContain("атом", "#атом");
    }

    @Test
    void badParametersAreAnswered400() {
        given().queryParam("kind", "hashtag").get("/api/terms").then().statusCode(400).body("error", containsString("kind"));
        given().queryParam("sort", "hot").get("/api/terms").then().statusCode(400).body("error", containsString("sort"));
        given().queryParam("limit", "0").get("/api/terms").then().statusCode(400);
    }

    @Test
    void thePageShowsTheRisingNameAndPutsItOnTheWatchlistWithItsForms() {
        Document page = Jsoup.parse(given().queryParam("from", BURST.toString()).queryParam("to", BURST.toString())
                .get("/terms").then().statusCode(200).extract().asString());
        assertThat(page.select("#rising-names td.label a").first().text()).isEqualTo("Рафаэль Гросси");
        assertThat(page.select("#picked-term h2").text()).contains("Рафаэль Гросси");
        assertThat(page.select("#picked-term .posts li")).hasSize(14);
        assertThat(page.select("script[data-chart-for=chart-term]").html()).contains("14");
        String watch = page.select("#add-to-watchlist").attr("href");
        assertThat(watch).startsWith("/admin/terms/watch?key=");

        given().redirects().follow(false).urlEncodingEnabled(false).get(watch).then().statusCode(302);

        Map<String, String> cookies = login();
        Response form = given().urlEncodingEnabled(false).cookies(cookies).get(watch);
        assertThat(form.statusCode()).isEqualTo(200);
        cookies.putAll(form.cookies());
        Document html = Jsoup.parse(form.asString());
        assertThat(html.select("input[name=key]").val()).isEqualTo("rafael_grossi");
        assertThat(html.select("input[name=label]").val()).isEqualTo("Рафаэль Гросси");
        assertThat(html.select("input[name=aliases]").val().split(", "))
                .containsExactlyInAnyOrder("Рафаэль Гросси", "Рафаэля Гросси", "Рафаэлем Гросси");

        Map<String, String> fields = new HashMap<>();
        html.select("#watch-form input").forEach(input -> fields.put(input.attr("name"), input.val()));
        given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(fields).post("/admin/watchlist").then().statusCode(303);
        await().atMost(Duration.ofSeconds(30)).until(() -> recount.progress().state().equals("done"));

        assertThat(Db.count(dataSource, "SELECT posts FROM daily_counts WHERE metric = 'mention' AND key = 'rafael_grossi'"
                + " AND day = ?", BURST)).as("history recounted").isEqualTo(14);
        List<Map<String, Object>> rising = given().queryParam("from", BURST.toString()).queryParam("to", BURST.toString())
                .queryParam("sort", "rising").queryParam("kind", "name").get("/api/terms")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(rising.get(0)).containsEntry("key", "рафаэл гросс").containsEntry("watched", true);
        Db.count(dataSource, "DELETE FROM watched_entities WHERE key = 'rafael_grossi' RETURNING 1");
    }

    private static Map<String, String> login() {
        Response login = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", Admin.PASSWORD).post("/j_security_check");
        return new HashMap<>(login.cookies());
    }

    private static ParsedPost post(long id, Instant at, String text) {
        return new ParsedPost("EmbUSA", id, at, ParsedPost.Kind.POST, text, 10L, false, null, null, null,
                List.of(), List.of(), List.of());
    }
}
