package io.channelpulse.export;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/** The CSV downloads over both fixture channels, read back with an independent RFC 4180 parser. */
@QuarkusTest
class CsvExportTest {

    static final List<String> POST_COLUMNS = List.of("channel", "id", "url", "published_at", "text", "views",
            "edited", "forwarded_from", "hashtags", "mentions", "kind", "signature", "reply_to", "deleted_at");

    @Inject
    DataSource dataSource;

    @Inject
    PostStore postStore;

    @BeforeEach
    void twoChannels() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        Admin.given().body(Map.of("handle", "pulse_edge")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(dataSource,
                "SELECT count(*) FROM channels WHERE backfill_done AND last_polled_at IS NOT NULL") == 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "channel=EmbUSA", "channel=@embusa&channel=https://t.me/s/pulse_edge|channel=EmbUSA&channel=pulse_edge", "topic=osce",
            "topic=%23OSCE&channel=EmbUSA", "topic=OSCE&channel=EmbUSA&channel=pulse_edge", "channel=EmbUSA&from=2023-05-01&to=2023-05-31", "mention=lavrov",
            "mention=@Channel_Pulse_Test", "q=Лавров&channel=EmbUSA&sort=newest", "range=all",
            "from=2024-03-05T10:00:00Z", "to=2023-04-26", "topic=nothing_tagged"})
    void everyPostTheJsonListsNewestFirstWithTheSameFields(String queries) {
        // "csv query|json query" where /api/posts takes the handles only as stored
        String query = queries.split("\\|")[0];
        String jsonQuery = queries.contains("|") ? queries.split("\\|")[1] : query;
        List<Map<String, Object>> json = get("/api/posts", "limit=500&" + jsonQuery).then().statusCode(200)
                .extract().jsonPath().getList("items");
        List<List<String>> csv = csv("/export/posts.csv", query);
        assertThat(csv.get(0)).containsExactlyElementsOf(POST_COLUMNS);
        List<List<String>> rows = csv.subList(1, csv.size());
        assertThat(rows).hasSameSizeAs(json);
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            Map<String, Object> post = json.get(i);
            assertThat(row).as("row %d of %s", i, query).containsExactly(
                    (String) post.get("channel"),
                    String.valueOf(post.get("id")),
                    (String) post.get("url"),
                    (String) post.get("publishedAt"),
                    guarded((String) post.get("text")),
                    post.get("views") == null ? "" : String.valueOf(post.get("views")),
                    String.valueOf(post.get("edited")),
                    forwardedFrom(post),
                    String.join(" ", strings(post.get("hashtags"))),
                    String.join(" ", strings(post.get("mentions"))),
                    (String) post.get("kind"),
                    post.get("signature") == null ? "" : guarded((String) post.get("signature")),
                    post.get("replyTo") == null ? "" : String.valueOf(post.get("replyTo")),
                    post.get("deletedSeenAt") == null ? "" : (String) post.get("deletedSeenAt"));
        }
    }

    @Test
    void countsOfTheFixtures() {
        assertThat(csv("/export/posts.csv", "channel=EmbUSA")).hasSize(1 + 23);
        assertThat(csv("/export/posts.csv", "channel=EmbUSA&topic=osce")).hasSize(1 + 5);
        assertThat(csv("/export/posts.csv", "")).hasSize(1 + 29);
        List<List<String>> may = csv("/export/posts.csv", "channel=EmbUSA&from=2023-05-01&to=2023-05-31");
        assertThat(may.subList(1, may.size())).extracting(r -> r.get(1))
                .containsExactly("10241", "10230", "10212", "10184", "10181", "10178", "10175", "10172", "10169",
                        "10166", "10163");
        assertThat(may.get(1).get(3)).isEqualTo("2023-05-18T08:30:55Z");
        assertThat(csv("/export/posts.csv", "topic=nothing_tagged")).containsExactly(POST_COLUMNS);
    }

    @Test
    void rfc4180OnTheWire() {
        byte[] body = get("/export/posts.csv", "").then().statusCode(200).extract().asByteArray();
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith(String.join(",", POST_COLUMNS) + "\r\n").endsWith("\r\n");
        // every LF outside a quoted text is the end of a CRLF
        assertThat(text.replace("\r\n", "")).doesNotContain("\r");
        assertThat(text).contains("\"Text with <angle brackets> & ampersands, \"\"quotes\"\" and a line\nbreak.\"");
        assertThat(text).contains("Лавров").contains("🇷🇺");
    }

    @Test
    void textWithCommasQuotesAndLineBreaksRoundTrips() {
        Map<String, String> texts = Map.of(
                "pulse_edge/506", text("pulse_edge", 506),
                "EmbUSA/10212", text("EmbUSA", 10212));
        assertThat(texts.get("pulse_edge/506"))
                .isEqualTo("Text with <angle brackets> & ampersands, \"quotes\" and a line\nbreak.");
        assertThat(texts.get("EmbUSA/10212")).contains("\n\n").contains("&");
        List<List<String>> rows = csv("/export/posts.csv", "");
        for (var entry : texts.entrySet()) {
            String[] key = entry.getKey().split("/");
            List<String> row = rows.stream().filter(r -> r.get(0).equals(key[0]) && r.get(1).equals(key[1]))
                    .findFirst().orElseThrow();
            assertThat(row.get(4)).as(entry.getKey()).isEqualTo(entry.getValue());
            assertThat(row).hasSize(POST_COLUMNS.size());
        }
    }

    @Test
    void cellsThatASpreadsheetWouldRunAreInert() {
        long channelId = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'pulse_edge'");
        String formula = "=HYPERLINK(\"https://evil.example\",\"click me\")";
        postStore.storePosts(channelId, List.of(
                new ParsedPost("pulse_edge", 600, Instant.parse("2024-03-07T10:00:00Z"), ParsedPost.Kind.POST, formula,
                        10L, false, "+Admin", null, null, List.of(), List.of(), List.of()),
                new ParsedPost("pulse_edge", 601, Instant.parse("2024-03-08T10:00:00Z"), ParsedPost.Kind.POST,
                        "-1 for this, @someone", 11L, false, null, null, null, List.of(), List.of(), List.of())),
                Instant.now());
        String body = get("/export/posts.csv", "channel=pulse_edge&from=2024-03-07").then().statusCode(200)
                .extract().asString();
        assertThat(body).contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click me\"\")\",")
                .contains(",'+Admin,")
                .contains(",\"'-1 for this, @someone\",");
        List<List<String>> rows = Rfc4180.parse(body);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get(1)).isEqualTo("601");
        assertThat(rows.get(1).get(4)).isEqualTo("'-1 for this, @someone");
        assertThat(rows.get(2).get(4)).isEqualTo("'" + formula);
        assertThat(rows.get(2).get(11)).isEqualTo("'+Admin");
        assertThat(rows.get(2).get(5)).as("numbers are not guarded").isEqualTo("10");
    }

    @Test
    void headersSayCsvAndNameTheFileAfterTheFilters() {
        get("/export/posts.csv", "channel=embusa&from=2023-05-01&to=2023-05-31").then().statusCode(200)
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("Content-Disposition",
                        "attachment; filename=\"channel-pulse-posts-EmbUSA-2023-05-01-to-2023-05-31.csv\"");
        assertThat(disposition("/export/posts.csv", "")).isEqualTo("attachment; filename=\"channel-pulse-posts-all.csv\"");
        assertThat(disposition("/export/posts.csv", "channel=EmbUSA&channel=pulse_edge&topic=OSCE&from=2024-03-01"))
                .isEqualTo("attachment; filename=\"channel-pulse-posts-EmbUSA-pulse_edge-topic-osce-from-2024-03-01.csv\"");
        assertThat(disposition("/export/series.csv", "metric=topic&key=%23OSCE&bucket=month&from=2023-04-01&to=2024-12-31"))
                .isEqualTo("attachment; filename=\"channel-pulse-series-topic-osce-month-2023-04-01-to-2024-12-31.csv\"");
        assertThat(disposition("/export/series.csv", "metric=posts&range=all&channel=EmbUSA"))
                .isEqualTo("attachment; filename=\"channel-pulse-series-posts-day-EmbUSA-all.csv\"");
        assertThat(disposition("/export/series.csv", "metric=topic&key=деньпобеды&range=all"))
                .startsWith("attachment; filename=\"channel-pulse-series-topic-_-day-all.csv\"; filename*=UTF-8''");
        assertThat(disposition("/export/top.csv", "metric=mention&sort=rising&from=2023-05-01&to=2023-07-31"))
                .isEqualTo("attachment; filename=\"channel-pulse-top-mention-rising-2023-05-01-to-2023-07-31.csv\"");
        assertThat(contentType("/export/series.csv", "metric=posts")).isEqualTo("text/csv; charset=utf-8");
        assertThat(contentType("/export/top.csv", "metric=topic")).isEqualTo("text/csv; charset=utf-8");
    }

    @Test
    void seriesRowsAreTheJsonPoints() {
        String query = "metric=topic&key=osce&bucket=month&from=2023-04-01&to=2024-12-31";
        List<Map<String, Object>> points = get("/api/series", query).then().statusCode(200)
                .extract().jsonPath().getList("points");
        List<List<String>> csv = csv("/export/series.csv", query);
        assertThat(csv.get(0)).containsExactly("bucket_start", "metric", "key", "count");
        assertThat(csv).hasSize(1 + 21);
        assertThat(csv.subList(1, csv.size())).containsExactlyElementsOf(points.stream()
                .map(p -> List.of((String) p.get("t"), "topic", "osce", String.valueOf(p.get("count")))).toList());
        assertThat(csv.get(2)).containsExactly("2023-05-01", "topic", "osce", "3");

        for (String other : List.of("metric=posts&bucket=week&from=2023-05-01&to=2023-05-21&channel=EmbUSA",
                "metric=views&range=all", "metric=topic&key=victoryday&bucket=hour&from=2023-05-08&to=2023-05-09",
                "metric=forward&key=MFARussia&channel=EmbUSA&range=all", "metric=posts")) {
            List<Map<String, Object>> expected = get("/api/series", other).then().statusCode(200)
                    .extract().jsonPath().getList("points");
            String key = get("/api/series", other).then().extract().jsonPath().getString("key");
            String metric = other.replaceFirst("^metric=([a-z]+).*", "$1");
            List<List<String>> rows = csv("/export/series.csv", other);
            assertThat(rows.subList(1, rows.size())).as(other).containsExactlyElementsOf(expected.stream()
                    .map(p -> List.of((String) p.get("t"), metric, key == null ? "" : key, String.valueOf(p.get("count"))))
                    .toList());
        }
    }

    @Test
    void topRowsAreTheJsonLines() {
        for (String query : List.of("metric=topic&from=2023-05-01&to=2023-07-31&limit=100", "metric=forward&range=all",
                "metric=mention&from=2023-05-01&to=2023-07-31&sort=rising", "metric=topic&range=all&channel=pulse_edge",
                "metric=topic")) {
            List<Map<String, Object>> json = get("/api/top", query).then().statusCode(200)
                    .extract().jsonPath().getList("");
            List<List<String>> csv = csv("/export/top.csv", query);
            assertThat(csv.get(0)).containsExactly("key", "label", "count", "previous", "score");
            assertThat(csv).as(query).hasSize(1 + json.size());
            for (int i = 0; i < json.size(); i++) {
                Map<String, Object> line = json.get(i);
                List<String> row = csv.get(i + 1);
                assertThat(row.subList(0, 4)).as(query).containsExactly((String) line.get("key"),
                        guarded((String) line.get("label")), String.valueOf(line.get("count")),
                        String.valueOf(line.get("previous")));
                assertThat(Float.parseFloat(row.get(4))).as(query).isEqualTo(((Number) line.get("score")).floatValue());
            }
        }
        List<List<String>> forwards = csv("/export/top.csv", "metric=forward&range=all");
        assertThat(forwards.get(1)).containsExactly("mfarussia", "Russian MFA 🇷🇺", "5", "0", "5.0");
        assertThat(csv("/export/top.csv", "metric=topic&from=2023-05-01&to=2023-07-31&limit=100"))
                .anySatisfy(row -> assertThat(row).containsExactly("un", "UN", "2", "2", "0.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "posts.csv?from=yesterday|from", "posts.csv?to=2024-13-01|to", "posts.csv?range=2w|range",
            "posts.csv?range=7d&from=2024-01-01|range", "posts.csv?from=2024-03-02&to=2024-03-01|to",
            "posts.csv?channel=no_such_channel|channel", "posts.csv?channel=has%20space|channel",
            "posts.csv?sort=relevance&q=Lavrov|sort", "posts.csv?sort=oldest|sort",
            "series.csv|metric", "series.csv?metric=topic|key", "series.csv?metric=topics&key=osce|metric",
            "series.csv?metric=posts&bucket=year|bucket", "series.csv?metric=posts&bucket=hour&range=1y|bucket",
            "series.csv?metric=posts&channel=no_such_channel|channel", "series.csv?metric=posts&from=May|from",
            "top.csv|metric", "top.csv?metric=posts|metric", "top.csv?metric=topic&limit=0|limit",
            "top.csv?metric=topic&sort=loudest|sort", "top.csv?metric=topic&range=forever|range"})
    void aBadParameterIsA400ThatNamesIt(String pathAndParameter) {
        String[] parts = pathAndParameter.split("\\|");
        String[] pathAndQuery = parts[0].split("\\?");
        get("/export/" + pathAndQuery[0], pathAndQuery.length > 1 ? pathAndQuery[1] : "").then().statusCode(400)
                .contentType("application/json")
                .body("error", startsWith(parts[1] + ":"));
    }

    @Test
    void readsNeedNoLogin() {
        get("/export/posts.csv", "").then().statusCode(200);
        get("/export/series.csv", "metric=posts").then().statusCode(200);
        get("/export/top.csv", "metric=topic").then().statusCode(200)
                .body(containsString("key,label,count,previous,score"));
    }

    // --- helpers ---

    /** GET with the query's parameters decoded and sent as query parameters (repeated names kept). */
    private static Response get(String path, String query) {
        RequestSpecification request = given();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            request.queryParam(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return request.get(path);
    }

    private static List<List<String>> csv(String path, String query) {
        Response response = get(path, query);
        response.then().statusCode(200);
        return Rfc4180.parse(new String(response.asByteArray(), StandardCharsets.UTF_8));
    }

    private static String contentType(String path, String query) {
        return get(path, query).then().statusCode(200).extract().header("Content-Type");
    }

    private static String disposition(String path, String query) {
        return get(path, query).then().statusCode(200).extract().header("Content-Disposition");
    }

    private static String text(String channel, long id) {
        return get("/api/posts", "limit=500&channel=" + channel).then().statusCode(200).extract().jsonPath()
                .getList("items", Map.class).stream().filter(p -> ((Number) p.get("id")).longValue() == id)
                .map(p -> (String) p.get("text")).findFirst().orElseThrow();
    }

    /** What the formula guard makes of a text, worked out here rather than by the production code. */
    private static String guarded(String text) {
        if (text == null) {
            return "";
        }
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String forwardedFrom(Map<String, Object> post) {
        @SuppressWarnings("unchecked")
        Map<String, Object> forward = (Map<String, Object>) post.get("forwardedFrom");
        if (forward == null) {
            return "";
        }
        return guarded((String) (forward.get("handle") != null ? forward.get("handle") : forward.get("title")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return list == null ? List.of() : (List<String>) list;
    }
}
