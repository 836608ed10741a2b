package io.channelpulse.imports;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The upload form on /admin and the list of imports it shows, refreshing itself until they are over. */
@QuarkusTest
class ImportPageTest {

    @Inject
    DataSource dataSource;

    private Map<String, String> cookies;
    private String csrf;

    @BeforeEach
    void loggedIn() {
        Db.reset(dataSource);
        Response login = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", Admin.PASSWORD).post("/j_security_check");
        cookies = new HashMap<>(login.cookies());
        Response page = given().cookies(cookies).get("/admin");
        cookies.putAll(page.cookies());
        csrf = Jsoup.parse(page.asString()).selectFirst("form[action=/admin/imports] input[name=csrf]").attr("value");
    }

    @Test
    void anUploadedExportIsImportedAndTheListFollowsIt() {
        String message = upload("result.json", ExportReaderTest.NEW, csrf);
        assertThat(message).startsWith("Importing result.json into @pulse_edge (import ");

        await().atMost(Duration.ofSeconds(30)).until(() -> admin().select("#admin-imports tbody tr td[data-label=state]")
                .text().equals("done"));
        Document page = admin();
        assertThat(page.select("meta[http-equiv=refresh]")).as("nothing left to follow").isEmpty();
        assertThat(page.select("#admin-imports tbody tr td.num").eachText()).containsExactly("8", "7", "1");
        assertThat(page.select("#admin-imports tbody tr td[data-label=channel]").text()).isEqualTo("@pulse_edge");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(7);
    }

    @Test
    void aBadFileIsNamedAndAForgedFormChangesNothing() {
        assertThat(upload("result.json", "{\"messages\": [", csrf))
                .startsWith("Not imported: result.json: line 1, column").contains("cut short");
        Response forged = given().redirects().follow(false).cookies(cookies).multiPart("channel", "pulse_edge")
                .multiPart("csrf", "forged")
                .multiPart("file", "result.json", ExportReaderTest.NEW.getBytes(StandardCharsets.UTF_8), "application/json")
                .post("/admin/imports");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM imports")).isZero();
    }

    private String upload(String name, String content, String token) {
        Response response = given().redirects().follow(false).cookies(cookies).multiPart("channel", "pulse_edge")
                .multiPart("timezone", "").multiPart("csrf", token)
                .multiPart("file", name, content.getBytes(StandardCharsets.UTF_8), "application/json")
                .post("/admin/imports");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(303);
        String location = response.header("Location").replaceFirst("^https?://[^/]+", "");
        return Jsoup.parse(given().urlEncodingEnabled(false).cookies(cookies).get(location).asString())
                .select("#admin-message").text();
    }

    private Document admin() {
        return Jsoup.parse(given().cookies(cookies).get("/admin").asString());
    }
}
