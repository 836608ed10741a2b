package io.channelpulse.ingest;

import io.channelpulse.testing.DebianPostgres;
import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TelegramStandIn.Answer;
import io.channelpulse.testing.TelegramStandIn.Exchange;
import io.channelpulse.testing.TempDirs;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three instances of the packaged app share one PostgreSQL server of Debian's package, started outside the app,
 * and one channel with a long history served slowly. The instance fetching the backfill is first shut down
 * cleanly, then the next one is killed with SIGKILL; each time another instance goes on within seconds (the bar
 * is 30 s; {@code pulse.poll.every} stays at 10 minutes, so only the quick look for unfinished polls can do it).
 * At the end every post is stored once, and no page was ever being fetched by two instances at the same time.
 */
class FailoverIT {

    private static final String HANDLE = "pulse_edge";
    private static final int PAGES = 40;
    private static final int PER_PAGE = 20;
    private static final Duration PAGE_DELAY = Duration.ofMillis(500);
    private static final Duration BAR = Duration.ofSeconds(30);
    private static final Pattern PID = Pattern.compile(" pid (\\d+) ");
    /** Where the instances' logs stay after the run, for a look after a failure. */
    private static final Path LOGS = Path.of("target", "failover-it");

    private final List<Instance> started = new ArrayList<>();
    private DebianPostgres postgres;
    private Path work;

    private record Instance(String name, Process process, int port, Path log) {
    }

    @Test
    void anotherInstanceGoesOnWithAnInterruptedBackfillWithinSeconds() throws Exception {
        Optional<Path> binaries = DebianPostgres.binaries();
        assumeTrue(binaries.isPresent(), "No Debian PostgreSQL server under /usr/lib/postgresql/*/bin: "
                + "apt-get install -y postgresql (the build installs it when run as root)");
        postgres = DebianPostgres.start(binaries.get());
        work = Files.createTempDirectory("pulse-failover");
        Files.createDirectories(LOGS);
        try (TelegramStandIn telegram = new TelegramStandIn()) {
            serveLongHistory(telegram);
            for (String name : List.of("a", "b", "c")) {
                started.add(launch(name, telegram));
            }
            for (Instance instance : started) {
                awaitReady(instance);
            }

            Instance first = awaitPoller(PER_PAGE * 6);
            Instant stopped = Instant.now();
            long before = posts();
            first.process.destroy();
            assertThat(first.process.waitFor()).as("a clean shutdown").isIn(0, 143);
            Duration afterShutdown = untilNextPost(before, stopped);

            Instance second = awaitPoller(posts() + PER_PAGE * 3);
            assertThat(second).isNotEqualTo(first);
            Instant killed = Instant.now();
            before = posts();
            second.process.destroyForcibly().waitFor();
            Duration afterKill = untilNextPost(before, killed);
            Instance third = awaitPoller(0);
            assertThat(third).isNotIn(first, second);

            System.out.printf("FailoverIT: %.1f s from a clean shutdown and %.1f s from SIGKILL of the polling"
                    + " instance to the next post stored by another (bar: %d s)%n",
                    afterShutdown.toMillis() / 1000.0, afterKill.toMillis() / 1000.0, BAR.toSeconds());
            assertThat(afterShutdown).isLessThan(BAR);
            assertThat(afterKill).isLessThan(BAR);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> number("SELECT count(*) FROM channels WHERE backfill_done AND polled_by IS NULL") == 1);
            assertThat(posts()).isEqualTo(PAGES * PER_PAGE);
            assertThat(number("SELECT count(DISTINCT id) FROM posts")).isEqualTo(PAGES * PER_PAGE);
            assertThat(number("SELECT message_count FROM channels")).as("counted once each").isEqualTo(PAGES * PER_PAGE);
            assertThat(number("SELECT sum(posts) FROM daily_counts WHERE metric = 'topic' AND key = 'failover'"))
                    .as("each post counted once under its hashtag").isEqualTo(PAGES * PER_PAGE);
            assertThat(RestAssured.given().baseUri("http://127.0.0.1").port(third.port)
                    .get("/api/channels/" + HANDLE).then().statusCode(200).extract().jsonPath().getLong("messageCount"))
                    .isEqualTo(PAGES * PER_PAGE);
            assertThat(overlappingFetches(telegram.exchanges())).as("a page fetched by two instances at once").isEmpty();
            assertThat(telegram.requestedPaths()).as("the older pages were fetched")
                    .contains(path(PER_PAGE + 1));

            third.process.destroy();
            third.process.waitFor();
            assertThat(number("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
                    .as("no poll lock outlives its instance").isZero();
        }
    }

    /** PAGES pages of PER_PAGE posts, ids 1 to PAGES × PER_PAGE, each answered after PAGE_DELAY. */
    private static void serveLongHistory(TelegramStandIn telegram) {
        String template = TelegramStandIn.fixture(HANDLE + ".html");
        String head = template.substring(0, template.indexOf("<section class=\"tgme_channel_history"));
        for (int page = 0; page < PAGES; page++) {
            long newest = (long) (PAGES - page) * PER_PAGE;
            long oldest = newest - PER_PAGE + 1;
            StringBuilder html = new StringBuilder(head).append("<section class=\"tgme_channel_history js-message_history\">\n");
            if (oldest > 1) {
                html.append("<div class=\"tgme_widget_message_centered js-messages_more_wrap\"><a href=\"/s/")
                        .append(HANDLE).append("?before=").append(oldest)
                        .append("\" class=\"tme_messages_more js-messages_more\" data-before=\"").append(oldest)
                        .append("\"></a></div>\n");
            }
            for (long id = oldest; id <= newest; id++) {
                html.append(message(id));
            }
            html.append("</section></div></main></body></html>");
            telegram.always(page == 0 ? "/s/" + HANDLE : path(newest + 1), Answer.page(html.toString()).after(PAGE_DELAY));
        }
    }

    private static String path(long before) {
        return "/s/" + HANDLE + "?before=" + before;
    }

    private static String message(long id) {
        String time = LocalDate.of(2026, 1, 1).plusDays(id / 10) + "T10:00:00+00:00";
        return """
                <div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="%1$s/%2$d">
                <div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text" dir="auto">Post %2$d of a long history <a href="?q=%%23failover">#failover</a></div>
                <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">%2$d</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/%1$s/%2$d"><time datetime="%3$s" class="time">10:00</time></a></span></div></div>
                </div></div></div>
                """.formatted(HANDLE, id, time);
    }

    private Instance launch(String name, TelegramStandIn telegram) throws IOException {
        int port = freePort();
        Path log = LOGS.resolve(name + ".log");
        // C1 only: three instances start at once on a small machine, and none of them runs long enough to need C2
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", DebianPostgres.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "unused-with-trust");
        env.put("PULSE_DATA_DIR", work.resolve(name).toString());
        env.put("PULSE_ADMIN_PASSWORD", "failover-admin");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("PULSE_TELEGRAM_BASE_URL", telegram.baseUrl());
        env.put("PULSE_TELEGRAM_REQUEST_GAP", "200ms");
        env.put("PULSE_BACKFILL_MAX_PAGES", Integer.toString(PAGES * 2));
        env.put("PULSE_CHANNELS", HANDLE);
        env.remove("PULSE_POLL_EVERY");
        env.remove("PULSE_POLL_RESUME_EVERY");
        return new Instance(name, builder.start(), port, log);
    }

    private static void awaitReady(Instance instance) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .failFast("instance " + instance.name + " exited; see " + instance.log, () -> !instance.process.isAlive())
                .ignoreExceptions()
                .until(() -> RestAssured.given().baseUri("http://127.0.0.1").port(instance.port)
                        .get("/q/health/ready").statusCode() == 200);
    }

    /** The live instance polling the channel, once at least {@code posts} posts are stored. */
    private Instance awaitPoller(long posts) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (posts() < posts) {
                return Optional.<Instance>empty();
            }
            Matcher pid = PID.matcher(Optional.ofNullable(text("SELECT polled_by FROM channels")).orElse(""));
            if (!pid.find()) {
                return Optional.<Instance>empty();
            }
            long owner = Long.parseLong(pid.group(1));
            return started.stream().filter(i -> i.process.isAlive() && i.process.pid() == owner).findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    private Duration untilNextPost(long before, Instant from) {
        await().atMost(BAR.multipliedBy(2)).pollInterval(Duration.ofMillis(100)).until(() -> posts() > before);
        return Duration.between(from, Instant.now());
    }

    /** Pairs of requests for the same page whose times overlap; one instance never fetches a page twice at once. */
    static List<String> overlappingFetches(List<Exchange> exchanges) {
        List<String> overlaps = new ArrayList<>();
        Map<String, List<Exchange>> byPage = exchanges.stream().collect(Collectors.groupingBy(Exchange::pathAndQuery));
        byPage.forEach((page, fetches) -> {
            for (int i = 0; i < fetches.size(); i++) {
                for (int j = i + 1; j < fetches.size(); j++) {
                    Exchange a = fetches.get(i);
                    Exchange b = fetches.get(j);
                    if (a.arrivedAt().isBefore(b.endedAt()) && b.arrivedAt().isBefore(a.endedAt())) {
                        overlaps.add(page + ": " + a + " and " + b);
                    }
                }
            }
        });
        return overlaps;
    }

    private long posts() throws SQLException {
        return number("SELECT count(*) FROM posts");
    }

    private long number(String sql) throws SQLException {
        String value = text(sql);
        return value == null ? 0 : Long.parseLong(value);
    }

    private String text(String sql) throws SQLException {
        try (Connection connection = postgres.connect();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rs = query.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Instance instance : started) {
            instance.process.destroyForcibly().waitFor();
        }
        if (postgres != null) {
            postgres.close();
        }
        TempDirs.delete(work);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
