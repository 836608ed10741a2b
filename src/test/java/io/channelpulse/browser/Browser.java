package io.channelpulse.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Debian's headless chromium driven through Selenium and {@code /usr/bin/chromedriver}, for the browser tests.
 *
 * <p>Everything stays offline: the driver and browser binaries are given explicitly (so Selenium Manager never
 * runs), and what the page did is read from chromedriver's own logs, not from a DevTools connection:
 * the browser console log ({@link #consoleErrors()}) and the performance log, whose
 * {@code Network.requestWillBeSent} events are every request the page made ({@link #requestedUrls()}).
 *
 * <p>If chromium or chromedriver are missing, {@link #start()} throws an {@link AssertionError} saying how to
 * install them, so the tests fail instead of being skipped.
 */
public final class Browser implements AutoCloseable {

    /** Overridable with -Dbrowser.chromium=… and -Dbrowser.chromedriver=… (e.g. on a developer machine). */
    public static final String CHROMIUM = System.getProperty("browser.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final java.util.regex.Pattern IMPLICIT_FAVICON =
            java.util.regex.Pattern.compile("^\\S+://[^/\\s]+/favicon\\.ico - Failed to load resource: .*\\b404\\b");

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /**
     * For every {@code <canvas>}: whether Chart.js has a chart on it, and how much data that chart holds.
     * Needs the UMD build of Chart.js (the global {@code Chart}).
     */
    private static final String CHARTS_JS = """
            const ChartJs = window.Chart;
            const api = ChartJs && typeof ChartJs.getChart === 'function';
            return Array.from(document.querySelectorAll('canvas')).map((canvas, index) => {
              const chart = api ? ChartJs.getChart(canvas) : undefined;
              const datasets = chart && chart.data && Array.isArray(chart.data.datasets) ? chart.data.datasets : [];
              const values = d => Array.isArray(d.data) ? d.data
                  : (d.data && typeof d.data === 'object' ? Object.values(d.data) : []);
              const sizes = datasets.map(d => values(d).length);
              const value = v => typeof v === 'number' ? v
                  : (v && typeof v === 'object' ? Number(v.y !== undefined ? v.y : (v.v !== undefined ? v.v : v.r)) : Number(v));
              const nonZero = datasets.map(d => values(d).filter(v => { const n = value(v); return !isNaN(n) && n !== 0; }).length);
              return {
                index: index,
                id: canvas.id || canvas.getAttribute('aria-label') || '',
                chartJsLoaded: !!api,
                hasChart: !!chart,
                type: chart && chart.config ? String(chart.config.type) : '',
                datasets: datasets.length,
                nonEmptyDatasets: sizes.filter(n => n > 0).length,
                points: sizes.reduce((a, b) => a + b, 0),
                nonZeroPoints: nonZero.reduce((a, b) => a + b, 0),
                width: canvas.clientWidth,
                height: canvas.clientHeight
              };
            });
            """;

    /** The data of the chart on the n-th canvas, as JSON (labels and each dataset's label and data), or null. */
    private static final String CHART_DATA_JS = """
            const canvas = document.querySelectorAll('canvas')[arguments[0]];
            const chart = canvas && window.Chart && window.Chart.getChart ? window.Chart.getChart(canvas) : undefined;
            if (!chart) { return null; }
            return JSON.stringify({
              labels: chart.data.labels || [],
              datasets: (chart.data.datasets || []).map(d => ({label: d.label, data: d.data}))
            });
            """;

    private final ChromeDriver driver;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();
    private final List<Map<String, Object>> network = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a fresh headless chromium with an empty profile, or fails saying how to install it. */
    public static Browser start() {
        requireExecutable(CHROMIUM, "chromium");
        requireExecutable(CHROMEDRIVER, "chromedriver");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("pulse-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            return new Browser(driver, profile);
        } catch (WebDriverException e) {
            deleteQuietly(profile);
            throw new AssertionError("Could not start headless " + CHROMIUM + " through " + CHROMEDRIVER
                    + " (both must be the same version; run .ci/run or "
                    + "`apt-get install chromium chromium-driver`): " + e.getMessage(), e);
        }
    }

    private static void requireExecutable(String path, String what) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new AssertionError("The browser tests need " + what + " at " + path + ", which is missing. "
                    + "Run .ci/run (as root; it installs them) or `apt-get install chromium chromium-driver`, "
                    + "or point -Dbrowser.chromium / -Dbrowser.chromedriver at your own binaries.");
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Forgets what earlier pages logged, then loads {@code url} and waits for the document to be complete. */
    public void open(String url) {
        clearLogs();
        driver.get(url);
        waitFor(Duration.ofSeconds(10), "document.readyState to be complete",
                () -> "complete".equals(js("return document.readyState")));
    }

    /** Reads and discards whatever the logs hold so far. */
    public void clearLogs() {
        driver.manage().logs().get(LogType.BROWSER);
        driver.manage().logs().get(LogType.PERFORMANCE);
        console.clear();
        network.clear();
    }

    private void drainLogs() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        Json json = new Json();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            Map<String, Object> wrapper = json.toType(entry.getMessage(), Json.MAP_TYPE);
            @SuppressWarnings("unchecked")
            Map<String, Object> message = (Map<String, Object>) wrapper.get("message");
            if (message != null && String.valueOf(message.get("method")).startsWith("Network.")) {
                network.add(message);
            }
        }
    }

    /** Console messages since the page was opened, every level. */
    public List<String> consoleMessages() {
        drainLogs();
        return console.stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /**
     * Console messages at SEVERE level (errors, uncaught exceptions, failed loads, CSP violations), except the
     * 404 of the {@code /favicon.ico} that chromium asks for on its own, at a moment of its choosing, when a page
     * declares no icon: it is not the page's doing, and counting it would make the tests depend on timing.
     */
    public List<String> consoleErrors() {
        drainLogs();
        return console.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !IMPLICIT_FAVICON.matcher(m).find())
                .toList();
    }

    /** Every URL the page requested since it was opened (Network.requestWillBeSent). */
    public List<String> requestedUrls() {
        drainLogs();
        List<String> urls = new ArrayList<>();
        for (Map<String, Object> event : network) {
            if ("Network.requestWillBeSent".equals(event.get("method"))) {
                Map<?, ?> request = (Map<?, ?>) ((Map<?, ?>) event.get("params")).get("request");
                urls.add(String.valueOf(request.get("url")));
            }
        }
        return urls;
    }

    /**
     * The requested URLs that leave this machine: anything but localhost, 127.0.0.1, [::1], data:, about: and
     * chrome:// (the browser's own pages and their resources, which it serves from its binary; a busy machine shows
     * them in the log when chromium opens its internal pages at start).
     */
    public List<String> nonLocalRequests() {
        return requestedUrls().stream().filter(url -> !isLocal(url)).toList();
    }

    static boolean isLocal(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:") || lower.startsWith("about:") || lower.startsWith("chrome://")) {
            return true;
        }
        if (lower.startsWith("blob:")) {
            return isLocal(url.substring("blob:".length()));
        }
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            return ("http".equals(scheme) || "https".equals(scheme) || "ws".equals(scheme) || "wss".equals(scheme))
                    && uri.getHost() != null && LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The HTTP status the current page's document was served with (from the performance log), or -1. Only the
     * document at the current URL counts: the log can still deliver the previous page's events after it was
     * cleared, and those must not be read as this page's answer.
     */
    public int documentStatus() {
        String current = driver.getCurrentUrl().replaceFirst("#.*$", "");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            drainLogs();
            int status = -1;
            for (Map<String, Object> event : network) {
                if ("Network.responseReceived".equals(event.get("method"))) {
                    Map<?, ?> params = (Map<?, ?>) event.get("params");
                    Map<?, ?> response = (Map<?, ?>) params.get("response");
                    if ("Document".equals(params.get("type")) && String.valueOf(response.get("url")).equals(current)) {
                        status = ((Number) response.get("status")).intValue();
                    }
                }
            }
            // the log may deliver the document's own event a moment after the page reports it is complete
            if (status != -1 || System.nanoTime() > deadline) {
                return status;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
    }

    /**
     * Saves the whole page (beyond the window, through chromedriver's DevTools command endpoint) as
     * target/screenshots/{name}.png; falls back to the visible window.
     */
    public Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]+", "_") + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png;
            try {
                Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
                Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
                // beyond the viewport there is no scroll bar, so the page is laid out as wide as the whole window
                double width = Math.max(((Number) js("return window.innerWidth")).doubleValue(),
                        ((Number) size.get("width")).doubleValue());
                double height = Math.min(8000, Math.max(1, ((Number) size.get("height")).doubleValue()));
                Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                        "format", "png", "captureBeyondViewport", true,
                        "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
                png = Base64.getDecoder().decode((String) shot.get("data"));
            } catch (WebDriverException | ClassCastException | NullPointerException e) {
                png = driver.getScreenshotAs(OutputType.BYTES);
            }
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every canvas on the page and the Chart.js chart on it, if any. */
    public List<ChartState> charts() {
        Object result = js(CHARTS_JS);
        List<ChartState> charts = new ArrayList<>();
        for (Object item : (List<?>) result) {
            charts.add(ChartState.of((Map<?, ?>) item));
        }
        return charts;
    }

    /**
     * Waits until every canvas holds a Chart.js chart with data (charts may be drawn after the page loads, e.g.
     * from /api), at most {@code timeout}; then answers the charts as they are, ready or not.
     */
    public List<ChartState> awaitCharts(Duration timeout) {
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                    .until(d -> charts().stream().allMatch(ChartState::drawn));
        } catch (TimeoutException e) {
            // the caller asserts on the state and reports which canvas is not ready
        }
        return charts();
    }

    /** The data (labels and datasets) of the chart on the {@code index}-th canvas as JSON, or null. */
    public String chartData(int index) {
        return (String) js(CHART_DATA_JS, index);
    }

    /**
     * Elements sticking out of the right edge of the viewport, innermost first (an element counts only when none
     * of its children sticks out further), each as {@code tag#id.class "text" right=…}; and the page's
     * {@code scrollWidth} and {@code clientWidth}.
     */
    private static final String OVERFLOW_JS = """
            const root = document.documentElement;
            const width = root.clientWidth;
            const sticking = Array.from(document.body.querySelectorAll('*')).filter(e => {
              const r = e.getBoundingClientRect();
              return r.width > 0 && r.right > width + 0.5;
            });
            const innermost = sticking.filter(e => !sticking.some(o => o !== e && e.contains(o)));
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className && typeof e.className === 'string' && e.className.trim()
                   ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
            return {
              scrollWidth: root.scrollWidth,
              clientWidth: width,
              offenders: innermost.slice(0, 10).map(e => {
                const path = [];
                for (let n = e; n && n !== document.body && path.length < 4; n = n.parentElement) { path.unshift(name(n)); }
                return path.join(' > ') + ' "' + (e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40)
                    + '" right=' + Math.round(e.getBoundingClientRect().right);
              })
            };
            """;

    /** Resizes the window so that the page's viewport is {@code width} x {@code height} CSS pixels. */
    public void viewport(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        // the window's frame, if headless chromium draws one, takes some of the size: give it back
        long inner = ((Number) js("return window.innerWidth")).longValue();
        long innerHeight = ((Number) js("return window.innerHeight")).longValue();
        if (inner != width || innerHeight != height) {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(
                    (int) (2L * width - inner), (int) (2L * height - innerHeight)));
        }
    }

    /** How the page fits the width of its viewport. */
    public record Fit(long scrollWidth, long clientWidth, List<String> offenders) {

        public boolean fits() {
            return scrollWidth <= clientWidth;
        }

        public String describe() {
            return "scrollWidth " + scrollWidth + " > clientWidth " + clientWidth + "; sticking out: "
                    + String.join("; ", offenders);
        }
    }

    /** Whether the page scrolls sideways, and which elements make it. */
    public Fit fit() {
        Map<?, ?> result = (Map<?, ?>) js(OVERFLOW_JS);
        List<String> offenders = ((List<?>) result.get("offenders")).stream().map(String::valueOf).toList();
        return new Fit(((Number) result.get("scrollWidth")).longValue(), ((Number) result.get("clientWidth")).longValue(),
                offenders);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Explicitly waits for a condition, failing with {@code what} when it does not come true in time. */
    public void waitFor(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(50)).until(d -> condition.getAsBoolean());
        } catch (TimeoutException e) {
            throw new AssertionError("Waited " + timeout.toMillis() + " ms for " + what + " at " + driver.getCurrentUrl());
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp profile is harmless
        }
    }

    /** One canvas and its Chart.js chart, as the page's JavaScript sees it. */
    public record ChartState(int index, String id, boolean chartJsLoaded, boolean hasChart, String type,
                             int datasets, int nonEmptyDatasets, int points, int nonZeroPoints, int width, int height) {

        static ChartState of(Map<?, ?> m) {
            return new ChartState(num(m, "index"), String.valueOf(m.get("id")), Boolean.TRUE.equals(m.get("chartJsLoaded")),
                    Boolean.TRUE.equals(m.get("hasChart")), String.valueOf(m.get("type")), num(m, "datasets"),
                    num(m, "nonEmptyDatasets"), num(m, "points"), num(m, "nonZeroPoints"), num(m, "width"),
                    num(m, "height"));
        }

        private static int num(Map<?, ?> m, String key) {
            return m.get(key) instanceof Number n ? n.intValue() : 0;
        }

        /** A chart with at least one dataset holding at least one point (zeros count: an empty period is data). */
        public boolean drawn() {
            return hasChart && nonEmptyDatasets > 0 && points > 0;
        }

        public String describe() {
            String name = "canvas #" + index + (id.isEmpty() ? "" : " (" + id + ")");
            if (!chartJsLoaded) {
                return name + ": the global Chart (Chart.js UMD build) is not on the page";
            }
            if (!hasChart) {
                return name + ": no Chart.js chart on it (Chart.getChart(canvas) is undefined)";
            }
            return name + ": " + type + " chart, " + datasets + " datasets (" + nonEmptyDatasets + " non-empty), "
                    + points + " points (" + nonZeroPoints + " not zero), " + width + "x" + height + " px";
        }
    }
}
