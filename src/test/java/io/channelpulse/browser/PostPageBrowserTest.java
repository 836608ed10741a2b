package io.channelpulse.browser;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A post's page in headless chromium: a post edited twice, read at four times with rising views, forwarded by
 * another tracked channel. Its views chart is drawn, its diff is marked, it logs no error, asks nothing of any other
 * machine and fits a phone and a desktop. Screenshots go to target/screenshots/.
 */
@QuarkusTest
class PostPageBrowserTest {

    static final Instant PUBLISHED = Instant.parse("2024-03-10T08:00:00Z");

    static Browser browser;

    @Inject
    DataSource dataSource;

    @Inject
    PostStore store;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void anEditedPostAndItsForward() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        Admin.given().body(Map.of("handle", "pulse_edge")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done AND last_polled_at IS NOT NULL") == 2);
        long edge = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'pulse_edge'");
        long embassy = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'EmbUSA'");
        store.storePosts(edge, List.of(post("Заявление: переговоры в Вене продолжатся завтра 🇷🇺", 120L)),
                PUBLISHED.plusSeconds(300));
        store.storePosts(edge, List.of(post("Заявление: переговоры в Женеве продолжатся завтра 🇷🇺", 2_400L)),
                PUBLISHED.plusSeconds(3_600));
        store.storePosts(edge, List.of(post("Заявление: переговоры в Женеве продолжатся в пятницу 🇷🇺\n"
                + "A very long addition without spaces: " + "x".repeat(300), 9_800L)), PUBLISHED.plusSeconds(7_200));
        store.storePosts(edge, List.of(post("Заявление: переговоры в Женеве продолжатся в пятницу 🇷🇺\n"
                + "A very long addition without spaces: " + "x".repeat(300), 15_300L)), PUBLISHED.plusSeconds(86_400));
        store.storePosts(embassy, List.of(new ParsedPost("EmbUSA", 20000, PUBLISHED.plusSeconds(2_100), ParsedPost.Kind.POST,
                "", 40L, false, null, new ParsedPost.ForwardSource("Pulse Edge", "pulse_edge", 700L), null,
                List.of(), List.of(), List.of())), PUBLISHED.plusSeconds(2_400));
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1400})
    void thePostPageDrawsItsViewsMarksItsDiffAndFits(int width) {
        browser.viewport(width, width < 800 ? 844 : 900);
        try {
            browser.open(url("/posts/pulse_edge/700"));
            List<Browser.ChartState> charts = browser.awaitCharts(PagesBrowserTest.CHARTS_TIMEOUT);
            browser.screenshot("post_pulse_edge_700_" + width);

            assertThat(browser.documentStatus()).isEqualTo(200);
            assertThat(charts).as("charts on the post page").hasSize(1)
                    .allSatisfy(chart -> assertThat(chart.drawn()).as(chart.describe()).isTrue());
            assertThat(browser.driver().findElements(By.cssSelector(".versions ins"))).isNotEmpty();
            assertThat(browser.driver().findElements(By.cssSelector(".versions del"))).isNotEmpty();
            assertThat(browser.driver().findElement(By.cssSelector("#version-2 del")).getText()).contains("Вене");
            assertThat(browser.driver().findElement(By.cssSelector("#version-2 ins")).getText()).contains("Женеве");
            assertThat(browser.js("return getComputedStyle(document.querySelector('.versions del')).textDecorationLine"))
                    .as("removed words read without colour").isEqualTo("line-through");
            assertThat(browser.driver().findElement(By.id("forwarded-by")).getText()).contains("35 min later");
            Browser.Fit fit = browser.fit();
            assertThat(fit.fits()).as("the post page at %d px: %s", width, fit.describe()).isTrue();
            assertThat(browser.consoleErrors()).as("console errors on the post page").isEmpty();
            assertThat(browser.nonLocalRequests()).as("requests from the post page that leave localhost").isEmpty();

            browser.driver().findElement(By.cssSelector("#forwarded-by a[href='/posts/EmbUSA/20000']")).click();
            browser.waitFor(Duration.ofSeconds(10), "the forward's page",
                    () -> browser.driver().getCurrentUrl().endsWith("/posts/EmbUSA/20000"));
            browser.awaitCharts(PagesBrowserTest.CHARTS_TIMEOUT);
            browser.screenshot("post_EmbUSA_20000_" + width);
            assertThat(browser.driver().findElement(By.id("forwarded-from")).getText()).contains("@pulse_edge/700");
            assertThat(browser.fit().fits()).as("the forward's page at %d px", width).isTrue();
            assertThat(browser.consoleErrors()).as("console errors on the forward's page").isEmpty();
            assertThat(browser.nonLocalRequests()).as("requests from the forward's page that leave localhost").isEmpty();
        } finally {
            browser.viewport(1280, 900);
        }
    }

    private static ParsedPost post(String text, long views) {
        return new ParsedPost("pulse_edge", 700, PUBLISHED, ParsedPost.Kind.POST, text, views, false, null, null, null,
                List.of(), List.of(), List.of());
    }

    private String url(String path) {
        return URI.create(base.toString()).resolve(path).toString();
    }
}
