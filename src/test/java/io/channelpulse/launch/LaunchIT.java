package io.channelpulse.launch;

import io.channelpulse.testing.TelegramStandIn;
import io.channelpulse.testing.TempDirs;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app as a user starts it, {@code java -jar target/quarkus-app/quarkus-run.jar}, with nothing
 * configured but a data directory: it starts its own PostgreSQL there, keeps its data across a clean
 * restart and across a kill that leaves the old database server behind, and prints a generated admin
 * password exactly once.
 */
class LaunchIT {

    private static final Pattern GENERATED_PASSWORD = Pattern.compile("Generated the admin password.*: (\\S+)");

    private final List<Process> started = new ArrayList<>();
    private Path dataDir;
    private int port;

    @Test
    void keepsItsDataAcrossAKillAndARestart() throws Exception {
        dataDir = Files.createTempDirectory("pulse-launch");
        port = freePort();
        try (TelegramStandIn telegram = new TelegramStandIn()) {
            // The older page hangs, so the kill lands in the middle of the backfill.
            telegram.queue("/s/EmbUSA?before=10212",
                    TelegramStandIn.Answer.page(TelegramStandIn.fixture("EmbUSA_before_10212.html")).after(Duration.ofMinutes(1)));
            Running first = start(telegram, "first.log");
            String password = first.awaitLog(GENERATED_PASSWORD);
            await().atMost(Duration.ofSeconds(60)).until(() -> telegram.requestedPaths().contains("/s/EmbUSA?before=10212"));
            assertThat(messages(first)).isEqualTo(5);

            first.process.destroyForcibly().waitFor();
            assertThat(dataDir.resolve("postgres/postmaster.pid")).as("a killed run leaves its database behind").exists();

            Running second = start(telegram, "second.log");
            await().atMost(Duration.ofSeconds(60)).until(() -> messages(second) == 23);
            assertThat(posts(second)).isEqualTo(23);
            second.api().auth().preemptive().basic("admin", password).post("/api/channels/EmbUSA/poll")
                    .then().statusCode(202);
            second.api().auth().preemptive().basic("admin", "not-it").post("/api/channels/EmbUSA/poll")
                    .then().statusCode(401);
            assertThat(second.log()).doesNotContain("Generated the admin password");

            second.process.destroy();
            assertThat(second.process.waitFor()).isIn(0, 143);
            await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(dataDir.resolve("postgres/postmaster.pid")));

            Running third = start(telegram, "third.log");
            assertThat(posts(third)).isEqualTo(23);
            assertThat(third.log()).doesNotContain("Generated the admin password");
            third.process.destroy();
            third.process.waitFor();
        }
    }

    @Test
    void upgradesAPostgres14DataFolderAtStartWithEveryPost() throws Exception {
        dataDir = Files.createTempDirectory("pulse-launch");
        port = freePort();
        DataFolderUpgradeTest.makePostgres14Folder(dataDir.resolve("postgres"));
        try (TelegramStandIn telegram = new TelegramStandIn()) {
            Running app = start(telegram, "upgrade.log");
            assertThat(app.log()).contains("was made by PostgreSQL 14")
                    .containsPattern("Upgraded .* to PostgreSQL 17: \\d+ rows in \\d+ tables");
            assertThat(posts(app, "channel1") + posts(app, "channel2")).isEqualTo(DataFolderUpgradeTest.POSTS);
            try (Stream<Path> names = Files.list(dataDir)) {
                assertThat(names.map(path -> path.getFileName().toString())).anyMatch(n -> n.startsWith("postgres-14-backup-"));
            }
            app.process.destroy();
            app.process.waitFor();
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor();
        }
        if (dataDir != null) {
            EmbeddedDatabase.stopOrphanedServer(dataDir.resolve("postgres"));
            // the logs beside it stay, for a look after a failure
            TempDirs.delete(dataDir);
        }
    }

    private record Running(Process process, int port, Path logFile) {

        RequestSpecification api() {
            return RestAssured.given().baseUri("http://127.0.0.1").port(port);
        }

        String log() throws IOException {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        }

        String awaitLog(Pattern pattern) {
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                Matcher matcher = pattern.matcher(log());
                return matcher.find() ? Optional.of(matcher.group(1)) : Optional.<String>empty();
            }, Optional::isPresent).orElseThrow();
        }
    }

    /** Always on the same port, as a restarted app would be. */
    private Running start(TelegramStandIn telegram, String logName) throws IOException {
        Path logFile = dataDir.getParent().resolve(dataDir.getFileName() + "-" + logName);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> env = builder.environment();
        env.remove("QUARKUS_DATASOURCE_JDBC_URL");
        env.remove("PULSE_ADMIN_PASSWORD");
        env.put("PULSE_DATA_DIR", dataDir.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("PULSE_TELEGRAM_BASE_URL", telegram.baseUrl());
        env.put("PULSE_TELEGRAM_REQUEST_GAP", "0s");
        env.put("PULSE_CHANNELS", "EmbUSA");
        Process process = builder.start();
        started.add(process);
        Running running = new Running(process, port, logFile);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .failFast("the app exited; see " + logFile, () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> running.api().get("/q/health/ready").statusCode() == 200);
        return running;
    }

    private static long messages(Running app) {
        return app.api().get("/api/channels/EmbUSA").then().statusCode(200).extract().jsonPath().getLong("messageCount");
    }

    private static int posts(Running app) {
        return posts(app, "EmbUSA");
    }

    private static int posts(Running app, String channel) {
        return app.api().get("/api/posts?channel=" + channel + "&limit=500").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
