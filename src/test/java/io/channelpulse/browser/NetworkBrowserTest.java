package io.channelpulse.browser;

import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.CitingPosts;
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
import org.openqa.selenium.interactions.Actions;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The network page in headless chromium: Cytoscape.js draws the graph (its model holds the nodes and edges the
 * page's data names), with no console errors and no request leaving localhost; a click on a node opens the
 * channel's page; the page and the sections it adds elsewhere fit 390 to 1920 px; Track works from the page.
 */
@QuarkusTest
class NetworkBrowserTest {

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
    void twoChannelsCitingEachOtherAndAThird() {
        Db.reset(dataSource);
        PulseTestResources.telegram().reset();
        Admin.given().body(Map.of("handle", "EmbUSA")).post("/api/channels").then().statusCode(201);
        Admin.given().body(Map.of("handle", "pulse_edge")).post("/api/channels").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(dataSource, "SELECT count(*) FROM channels WHERE backfill_done AND last_polled_at IS NOT NULL") == 2);
        CitingPosts.store(store, dataSource, Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.DAYS));
    }

    @Test
    void theGraphIsDrawnAndANodeOpensItsChannelPage() {
        browser.open(url("/network"));
        awaitGraph(3);
        browser.screenshot("network");

        assertThat(browser.js("return channelPulseNetwork.nodes().map(n => n.id()).sort().join(' ')"))
                .isEqualTo("embusa ministry_x pulse_edge");
        assertThat(browser.js("return channelPulseNetwork.edges().length")).isEqualTo(5L);
        assertThat(browser.js("return channelPulseNetwork.nodes('.tracked').map(n => n.id()).sort().join(' ')"))
                .isEqualTo("embusa pulse_edge");
        assertThat(browser.js("return channelPulseNetwork.edges('.mention').length")).isEqualTo(2L);
        // sized by citations: ministry_x (3) over pulse_edge (2) over EmbUSA (none)
        assertThat((Double) number("return channelPulseNetwork.$id('ministry_x').width()"))
                .isGreaterThan(number("return channelPulseNetwork.$id('pulse_edge').width()"))
                .isGreaterThan(number("return channelPulseNetwork.$id('embusa').width()"));
        assertThat(browser.js("return channelPulseNetwork.$id('pulse_edge').connectedEdges().length")).isEqualTo(3L);
        // Cytoscape paints on its own canvases inside the container, of the container's size
        assertThat(number("return Math.max(...Array.from(document.querySelectorAll('#network-graph canvas')).map(c => c.width))"))
                .isGreaterThan(100.0);
        assertThat(browser.consoleErrors()).as("console errors on /network").isEmpty();
        assertThat(browser.nonLocalRequests()).as("requests from /network that leave localhost").isEmpty();
        assertThat(browser.requestedUrls()).anyMatch(u -> u.endsWith("/webjars/cytoscape/dist/cytoscape.min.js"));

        clickNode("pulse_edge");
        browser.waitFor(Duration.ofSeconds(10), "the channel page of pulse_edge",
                () -> browser.driver().getCurrentUrl().contains("/channels/pulse_edge"));
        assertThat(browser.driver().findElement(By.id("channel-citations")).getText()).isEqualTo("2");
        assertThat(browser.driver().findElement(By.id("cited-by")).getText()).contains("@EmbUSA").contains("30 min later");
        browser.screenshot("network_clicked_pulse_edge");
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1400, 1920})
    void theNetworkAndItsSectionsElsewhereFitTheirWidth(int width) {
        logIn();
        browser.viewport(width, width < 800 ? 844 : 900);
        try {
            org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
            for (String path : List.of("/network", "/network?kind=forward&edges_by=lag&channels_by=handle",
                    "/network?from=2025-01-01&to=2025-01-31", "/channels/pulse_edge", "/admin")) {
                browser.open(url(path));
                if (path.equals("/network")) {
                    awaitGraph(3);
                }
                browser.screenshot(path.replaceAll("[^A-Za-z0-9]+", "_").replaceFirst("^_", "") + "_" + width);
                Browser.Fit fit = browser.fit();
                soft.assertThat(fit.fits()).as("%s at %d px: %s", path, width, fit.describe()).isTrue();
                soft.assertThat(browser.consoleErrors()).as("console errors on %s at %d px", path, width).isEmpty();
                soft.assertThat(browser.nonLocalRequests()).as("requests from %s that leave localhost", path).isEmpty();
            }
            soft.assertAll();
        } finally {
            browser.viewport(1280, 900);
        }
    }

    @Test
    void theAdminTracksAChannelWorthAddingFromTheNetworkPage() {
        logIn();
        browser.open(url("/network?range=90d"));
        awaitGraph(3);
        assertThat(browser.js("return channelPulseNetwork.$id('ministry_x').hasClass('untracked')")).isEqualTo(true);
        WebElement track = browser.driver().findElement(By.cssSelector("#network-worth-adding button[type=submit]"));
        track.click();
        browser.waitFor(Duration.ofSeconds(10), "the page to say ministry_x is tracked",
                () -> !browser.driver().findElements(By.id("network-tracked")).isEmpty());
        assertThat(browser.driver().getCurrentUrl()).contains("/network?range=90d").contains("tracked=ministry_x");
        awaitGraph(3);
        assertThat(browser.js("return channelPulseNetwork.$id('ministry_x').hasClass('tracked')")).isEqualTo(true);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels WHERE handle = 'ministry_x'")).isEqualTo(1);
        browser.screenshot("network_after_track");
        assertThat(browser.consoleErrors()).as("console errors after tracking").isEmpty();
    }

    private void awaitGraph(long nodes) {
        browser.waitFor(Duration.ofSeconds(10), "Cytoscape to hold " + nodes + " nodes", () -> Long.valueOf(nodes).equals(
                browser.js("return window.channelPulseNetwork ? window.channelPulseNetwork.nodes().length : -1")));
    }

    /** A real click where the node is drawn: its rendered position is from the container's top left corner. */
    private void clickNode(String id) {
        WebElement container = browser.driver().findElement(By.id("network-graph"));
        double x = number("return channelPulseNetwork.$id(arguments[0]).renderedPosition().x", id);
        double y = number("return channelPulseNetwork.$id(arguments[0]).renderedPosition().y", id);
        int dx = (int) Math.round(x - container.getRect().getWidth() / 2.0);
        int dy = (int) Math.round(y - container.getRect().getHeight() / 2.0);
        new Actions(browser.driver()).moveToElement(container, dx, dy).click().perform();
    }

    private double number(String script, Object... args) {
        return ((Number) browser.js(script, args)).doubleValue();
    }

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

    private String url(String path) {
        return URI.create(base.toString()).resolve(path).toString();
    }
}
