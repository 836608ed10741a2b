package io.channelpulse.browser;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every page in headless chromium over the EmbUSA and pulse_edge fixtures: it loads, logs no error, asks nothing
 * of any other machine, and every chart on it is drawn with data. Screenshots go to target/screenshots/.
 * Needs chromium and chromedriver (installed by .ci/run); fails saying so without them.
 */
@QuarkusTest
class PagesBrowserTest {

    static final Duration CHARTS_TIMEOUT = Duration.ofSeconds(5);

    /** The narrowest phone to a full-HD screen, with a laptop between. */
    static final int[] WIDTHS = {390, 1400, 1920};

    static Browser browser;

    @Inject
    DataSource dataSource;

    @Inject
    io.channelpulse.generate.DemoData demo;

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
    void twoChannels() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        Admin.given().body(Map.of("handle", "pulse_edge")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done AND last_polled_at IS NOT NULL") == 2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/",
            "/?range=all",
            "/topics/osce?range=all",
            "/mentions/lavrov?range=all",
            "/channels/EmbUSA?range=all",
            "/compare?k=topic:osce&k=mention:nato&range=all",
            "/search?q=Lavrov",
            "/terms?range=all",
            "/posts/EmbUSA/10230",
            "/digest/preview?date=2023-05-17",
            "/admin/login",
    })
    void pageLoadsCleanlyWithItsChartsDrawn(String path) {
        browser.open(url(path));
        List<Browser.ChartState> charts = browser.awaitCharts(CHARTS_TIMEOUT);
        browser.screenshot(screenshotName(path));

        String title = browser.driver().getTitle();
        int status = browser.documentStatus();
        assertThat(status).as("HTTP status of %s", path).isEqualTo(200);
        assertThat(title).as("title of %s", path).isNotBlank().doesNotContainIgnoringCase("not found");
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .as("text of %s", path).doesNotContain("Not Found").doesNotContain("Internal Server Error");
        assertThat(browser.consoleErrors()).as("console errors on %s", path).isEmpty();
        assertThat(browser.nonLocalRequests()).as("requests from %s that leave localhost", path).isEmpty();
        assertThat(charts).as("charts on %s", path)
                .allSatisfy(chart -> assertThat(chart.drawn()).as(chart.describe()).isTrue());
    }

    @Test
    void theRangePickerChangesTheUrlAndTheChart() {
        browser.open(url("/?range=all"));
        List<Browser.ChartState> charts = browser.awaitCharts(CHARTS_TIMEOUT);
        assertThat(charts).as("charts on the overview").isNotEmpty()
                .allSatisfy(chart -> assertThat(chart.drawn()).as(chart.describe()).isTrue());
        String before = browser.chartData(0);

        pickRange("7d");
        browser.waitFor(Duration.ofSeconds(10), "the URL to carry range=7d",
                () -> "7d".equals(queryParameter(browser.driver().getCurrentUrl(), "range").orElse(null)));
        browser.waitFor(Duration.ofSeconds(10), "the first chart to show other data",
                () -> {
                    String now = browser.chartData(0);
                    return now != null && !now.equals(before);
                });
        browser.screenshot("overview_range_7d");
        assertThat(queryParameter(browser.driver().getCurrentUrl(), "range")).contains("7d");
        assertThat(browser.charts()).as("charts after picking 7d")
                .allSatisfy(chart -> assertThat(chart.hasChart()).as(chart.describe()).isTrue());
        assertThat(browser.consoleErrors()).as("console errors after picking 7d").isEmpty();
        assertThat(browser.nonLocalRequests()).as("requests after picking 7d that leave localhost").isEmpty();
    }

    @Test
    void theAdminLogsInAndSendsAnUndeliveredDigestAgain() throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("TRUNCATE digest_subscribers, digest_log RESTART IDENTITY CASCADE");
            statement.execute("INSERT INTO digest_subscribers (email) VALUES ('ann@example.org')");
            statement.execute("INSERT INTO digest_log (subscriber_id, day, status, attempts, claimed_at) "
                    + "VALUES (1, DATE '2023-05-17', 'interrupted', 1, now())");
        }
        browser.open(url("/admin/login"));
        WebElement password = browser.driver().findElement(By.name("j_password"));
        password.sendKeys(Admin.PASSWORD);
        password.submit();
        browser.waitFor(Duration.ofSeconds(10), "the login to finish",
                () -> !browser.driver().getCurrentUrl().contains("/admin/login"));
        browser.open(url("/admin"));
        assertThat(browser.driver().findElement(By.id("admin-deliveries")).getText())
                .contains("2023-05-17").contains("ann@example.org").contains("interrupted");
        browser.screenshot("admin");

        // nothing listens on the test SMTP port here, so the page reports the failure
        browser.driver().findElement(By.cssSelector("#admin-deliveries button[type=submit]")).click();
        browser.waitFor(Duration.ofSeconds(15), "the resend to be reported",
                () -> !browser.driver().findElements(By.id("admin-message")).isEmpty());
        assertThat(browser.driver().findElement(By.id("admin-message")).getText())
                .contains("The digest of 2023-05-17 to ann@example.org failed again");
        assertThat(browser.driver().findElement(By.id("admin-deliveries")).getText()).contains("failed");
        browser.screenshot("admin_after_resend");
        assertThat(browser.consoleErrors()).as("console errors on the admin page").isEmpty();
        assertThat(browser.nonLocalRequests()).as("requests from the admin page that leave localhost").isEmpty();
    }

    /** Every kind of page, the overview over several ranges, and both error pages. */
    static final List<String> EVERY_PAGE = List.of(
            "/",
            "/?range=7d",
            "/?range=90d",
            "/?range=all",
            "/?range=all&bucket=month&channel=EmbUSA",
            "/topics/osce?range=all",
            "/mentions/lavrov?range=all",
            "/channels/EmbUSA?range=all",
            "/channels/pulse_edge?range=all",
            "/compare?k=topic:osce&k=mention:nato&range=all",
            "/compare",
            "/terms?range=all",
            "/search?q=Lavrov",
            "/search",
            "/posts/pulse_edge/506",
            "/admin",
            "/admin/login",
            "/channels/nobody_here",
            "/?range=2w");

    /**
     * Each page is loaded once, at the narrowest width, then widened: media queries and the charts' resize follow
     * the window as they would on a fresh load, and a page costs one load instead of three.
     */
    @Test
    void everyPageFitsEveryWidthWithoutScrollingSideways() {
        logIn();
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        try {
            for (String path : EVERY_PAGE) {
                browser.viewport(WIDTHS[0], 844);
                browser.open(url(path));
                browser.awaitCharts(CHARTS_TIMEOUT);
                for (int width : WIDTHS) {
                    browser.viewport(width, width < 800 ? 844 : 900);
                    soft.assertThat(browser.js("return document.documentElement.clientWidth")).as("viewport width")
                            .isIn((long) width, (long) width - 15);
                    Browser.Fit fit = fitAfterResize();
                    browser.screenshot(screenshotName(path) + "_" + width);
                    soft.assertThat(fit.fits()).as("%s at %d px: %s", path, width, fit.describe()).isTrue();
                }
                soft.assertThat(pageErrors(path)).as("console errors on %s", path).isEmpty();
                soft.assertThat(browser.nonLocalRequests()).as("requests from %s that leave localhost", path).isEmpty();
            }
        } finally {
            browser.viewport(1280, 900);
        }
        soft.assertAll();
    }

    /** Charts follow a resize a frame or two later: a page that still sticks out after a second does not fit. */
    private static Browser.Fit fitAfterResize() {
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        Browser.Fit fit = browser.fit();
        while (!fit.fits() && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            fit = browser.fit();
        }
        return fit;
    }

    @Test
    void anEmptyDatabaseGreetsWithHowToBegin() {
        Db.reset(dataSource);
        for (int width : new int[] {390, 1400}) {
            browser.viewport(width, 900);
            browser.open(url("/"));
            browser.awaitCharts(CHARTS_TIMEOUT);
            browser.screenshot("overview_empty_" + width);
            WebElement box = browser.driver().findElement(By.id("getting-started"));
            assertThat(box.isDisplayed()).isTrue();
            assertThat(box.getText()).contains("PULSE_CHANNELS=EmbUSA").contains("/api/channels")
                    .contains("generate --posts").contains("Generate demo data");
            assertThat(browser.driver().findElement(By.cssSelector(".chart-empty")).isDisplayed()).isTrue();
            assertThat(browser.driver().findElement(By.cssSelector(".chart-empty")).getText())
                    .startsWith("No posts stored yet");
            Browser.Fit fit = browser.fit();
            assertThat(fit.fits()).as("the empty overview at %d px: %s", width, fit.describe()).isTrue();
            assertThat(browser.consoleErrors()).as("console errors on the empty overview").isEmpty();
            assertThat(browser.nonLocalRequests()).as("requests that leave localhost").isEmpty();
        }
        browser.viewport(1280, 900);
        browser.driver().findElement(By.cssSelector("#getting-started a[href='/admin']")).click();
        browser.waitFor(Duration.ofSeconds(10), "the admin page or its login",
                () -> browser.driver().getCurrentUrl().contains("/admin"));
    }

    @Test
    void theDemoButtonShowsItsProgressAndFillsTheOverview() {
        Db.reset(dataSource);
        logIn();
        browser.open(url("/admin"));
        browser.driver().findElement(By.id("generate-demo")).click();
        browser.waitFor(Duration.ofSeconds(10), "the start to be reported",
                () -> !browser.driver().findElements(By.id("admin-message")).isEmpty());
        assertThat(browser.driver().findElement(By.id("admin-message")).getText()).contains("Generating 5,000 demo posts");
        // the page refreshes itself while the run goes on, until it says it is done
        try {
            browser.waitFor(Duration.ofSeconds(90), "the demo data to be ready", () -> {
                try {
                    return browser.driver().findElements(By.id("demo-progress")).stream()
                            .anyMatch(e -> e.getText().contains("Demo data is ready"));
                } catch (org.openqa.selenium.StaleElementReferenceException refreshed) {
                    return false;
                }
            });
        } finally {
            // the next test empties the tables, which must not meet a run still storing
            await().atMost(Duration.ofSeconds(90)).until(() -> !demo.progress().running());
        }
        browser.screenshot("admin_demo_done");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(5000);
        browser.open(url("/?range=1y"));
        List<Browser.ChartState> charts = browser.awaitCharts(CHARTS_TIMEOUT);
        browser.screenshot("overview_demo");
        assertThat(browser.driver().findElements(By.id("getting-started"))).isEmpty();
        assertThat(charts).allSatisfy(chart -> assertThat(chart.drawn()).as(chart.describe()).isTrue());
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Console errors, except the one for the document itself on an error page, whose status is its point. */
    private List<String> pageErrors(String path) {
        String page = url(path);
        return browser.consoleErrors().stream()
                .filter(m -> !(m.startsWith(page + " - Failed to load resource") && browser.documentStatus() >= 400))
                .toList();
    }

    /** Logs the browser in as admin through the form, unless it is already. */
    private void logIn() {
        browser.open(url("/admin"));
        if (!browser.driver().getCurrentUrl().contains("/admin/login")) {
            return;
        }
        WebElement password = browser.driver().findElement(By.name("j_password"));
        password.sendKeys(Admin.PASSWORD);
        password.submit();
        browser.waitFor(Duration.ofSeconds(10), "the login to finish",
                () -> !browser.driver().getCurrentUrl().contains("/admin/login"));
    }

    /** Follows the picker's link to {@code range}, or chooses it in the picker's select (submitting its form). */
    private void pickRange(String range) {
        List<WebElement> links = browser.driver().findElements(By.cssSelector("a[href*='range=" + range + "']"));
        if (!links.isEmpty()) {
            links.get(0).click();
            return;
        }
        for (WebElement element : browser.driver().findElements(By.tagName("select"))) {
            Select select = new Select(element);
            Optional<WebElement> option = select.getOptions().stream()
                    .filter(o -> range.equals(o.getDomProperty("value"))
                            || String.valueOf(o.getDomProperty("value")).contains("range=" + range))
                    .findFirst();
            if (option.isPresent()) {
                String url = browser.driver().getCurrentUrl();
                select.selectByValue(option.get().getDomProperty("value"));
                if (browser.driver().getCurrentUrl().equals(url)) {
                    // without JavaScript the picker is a form: submit it as a person would with its button
                    List<WebElement> buttons = element.findElements(By.xpath(
                            "ancestor::form//*[self::button or (self::input and @type='submit')]"));
                    if (buttons.isEmpty()) {
                        element.submit();
                    } else {
                        buttons.get(0).click();
                    }
                }
                return;
            }
        }
        throw new AssertionError("The overview has no range picker offering " + range
                + " (neither a link with range=" + range + " nor a select option " + range + ")");
    }

    private String url(String path) {
        return URI.create(base.toString()).resolve(path).toString();
    }

    static String screenshotName(String path) {
        String name = path.replaceFirst("^/", "");
        if (name.isEmpty() || name.startsWith("?")) {
            name = "overview" + name;
        }
        return name.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_+$", "");
    }

    static Optional<String> queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        Map<String, String> params = Arrays.stream(query.split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "",
                        (a, b) -> a));
        return Optional.ofNullable(params.get(name));
    }
}
