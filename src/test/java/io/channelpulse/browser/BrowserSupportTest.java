package io.channelpulse.browser;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser test helpers themselves, against a tiny local server (no Quarkus): they see drawn charts, console
 * errors, requests that leave the machine and the document's status, so a passing page test means something.
 */
class BrowserSupportTest {

    static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.js";

    static final Map<String, String> PAGES = Map.of(
            "/chart", """
                    <!doctype html><html><head><title>Chart</title></head><body>
                    <canvas id="drawn" width="400" height="200"></canvas>
                    <canvas id="empty" width="400" height="200"></canvas>
                    <script src="/chart.umd.js"></script><script src="/draw.js"></script></body></html>""",
            "/draw.js", """
                    new Chart(document.getElementById('drawn'), {type: 'line', options: {animation: false},
                      data: {labels: ['a', 'b', 'c'], datasets: [{label: 'posts', data: [1, 3, 2]}]}});
                    new Chart(document.getElementById('empty'), {type: 'bar', options: {animation: false},
                      data: {labels: [], datasets: [{label: 'posts', data: []}]}});""",
            "/broken", """
                    <!doctype html><html><head><title>Broken</title></head><body>
                    <canvas id="bare"></canvas>
                    <script src="/broken.js"></script></body></html>""",
            "/broken.js", """
                    fetch('http://198.51.100.7/tracker.png', {mode: 'no-cors'}).catch(() => {});
                    console.error('something broke');
                    undefinedFunction();""");

    static HttpServer server;
    static Browser browser;
    static String base;

    @BeforeAll
    static void serveAndStart() throws IOException {
        byte[] chartJs;
        try (InputStream in = BrowserSupportTest.class.getResourceAsStream(CHART_JS)) {
            assertThat(in).as("Chart.js webjar on the classpath").isNotNull();
            chartJs = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.equals("/chart.umd.js") ? chartJs
                    : PAGES.getOrDefault(path, "<!doctype html><title>Not Found</title>").getBytes(StandardCharsets.UTF_8);
            int status = path.equals("/chart.umd.js") || PAGES.containsKey(path) ? 200 : 404;
            exchange.getResponseHeaders().add("Content-Type",
                    path.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void seesWhichChartsHoldData() {
        browser.open(base + "/chart");
        List<Browser.ChartState> charts = browser.awaitCharts(Duration.ofSeconds(1));
        assertThat(charts).hasSize(2);
        assertThat(charts.get(0).drawn()).as(charts.get(0).describe()).isTrue();
        assertThat(charts.get(0).points()).isEqualTo(3);
        assertThat(charts.get(0).nonZeroPoints()).isEqualTo(3);
        assertThat(charts.get(1).hasChart()).isTrue();
        assertThat(charts.get(1).drawn()).as(charts.get(1).describe()).isFalse();
        assertThat(browser.chartData(0)).contains("\"labels\":[\"a\",\"b\",\"c\"]").contains("[1,3,2]");
        assertThat(browser.documentStatus()).isEqualTo(200);
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.nonLocalRequests()).isEmpty();
        assertThat(browser.requestedUrls()).contains(base + "/chart", base + "/chart.umd.js", base + "/draw.js");
    }

    @Test
    void seesConsoleErrorsRequestsElsewhereAndCanvasesWithoutCharts() {
        browser.open(base + "/broken");
        assertThat(browser.consoleErrors()).anyMatch(m -> m.contains("something broke"))
                .anyMatch(m -> m.contains("undefinedFunction"));
        browser.waitFor(Duration.ofSeconds(5), "the request to 198.51.100.7 in the log",
                () -> !browser.nonLocalRequests().isEmpty());
        assertThat(browser.nonLocalRequests()).containsExactly("http://198.51.100.7/tracker.png");
        List<Browser.ChartState> charts = browser.charts();
        assertThat(charts).singleElement().satisfies(c -> {
            assertThat(c.chartJsLoaded()).isFalse();
            assertThat(c.drawn()).isFalse();
        });
    }

    @Test
    void seesTheDocumentStatusAndSavesScreenshots() {
        browser.open(base + "/nothing-here");
        assertThat(browser.documentStatus()).isEqualTo(404);
        assertThat(browser.consoleErrors()).anyMatch(m -> m.contains("/nothing-here") && m.contains("404"))
                .noneMatch(m -> m.contains("favicon.ico"));
        Path shot = browser.screenshot("browser-support-404");
        assertThat(shot).isEqualTo(Path.of("target", "screenshots", "browser-support-404.png"));
        assertThat(shot).exists();
        try {
            byte[] png = Files.readAllBytes(shot);
            assertThat(png).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void onlyThisMachineCountsAsLocal() {
        assertThat(Browser.isLocal("http://localhost:8081/")).isTrue();
        assertThat(Browser.isLocal("http://127.0.0.1:8081/webjars/chart.js/4.5.1/dist/chart.umd.js")).isTrue();
        assertThat(Browser.isLocal("http://[::1]:8081/")).isTrue();
        assertThat(Browser.isLocal("data:image/png;base64,AAAA")).isTrue();
        assertThat(Browser.isLocal("about:blank")).isTrue();
        assertThat(Browser.isLocal("chrome://resources/images/add.svg")).isTrue();
        assertThat(Browser.isLocal("chrome-extension://abc/x.js")).isFalse();
        assertThat(Browser.isLocal("blob:http://localhost:8081/0b1c")).isTrue();
        assertThat(Browser.isLocal("https://cdn.jsdelivr.net/npm/chart.js")).isFalse();
        assertThat(Browser.isLocal("https://t.me/s/EmbUSA")).isFalse();
        assertThat(Browser.isLocal("http://localhost.evil.example/")).isFalse();
        assertThat(Browser.isLocal("blob:https://example.org/0b1c")).isFalse();
    }
}
