package io.channelpulse.ops;

import io.channelpulse.testing.PulseTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /q/health/live and /q/health/ready, open to everyone: ready needs the database and every migration. */
@QuarkusTest
class HealthTest {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

    @Inject
    DataSource dataSource;

    @Test
    void readyWithEveryMigrationThisBuildShips() {
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(check(ready, "Database migrations")).containsEntry("status", "UP")
                .containsEntry("data", Map.of("schema version", String.valueOf(latestShipped())));
        assertThat(check(ready, "Database connections health check")).containsEntry("status", "UP");

        JsonPath live = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();
        assertThat(live.getString("status")).isEqualTo("UP");
        assertThat(check(live, "Threads")).containsEntry("status", "UP");
    }

    @Test
    void aFailedMigrationMakesItNotReady() {
        int latest = latestShipped();
        markLatestMigration(latest, false);
        try {
            JsonPath ready = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            assertThat(ready.getString("status")).isEqualTo("DOWN");
            Map<String, Object> migrations = check(ready, "Database migrations");
            assertThat(migrations).containsEntry("status", "DOWN");
            assertThat(((Map<?, ?>) migrations.get("data")).get("failed").toString()).startsWith("V" + latest + " ");
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            markLatestMigration(latest, true);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aStoppedDatabaseMakesItNotReadyButLeavesItAlive() throws Exception {
        PulseTestResources.stopDatabase();
        try {
            JsonPath ready = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            assertThat(ready.getString("status")).isEqualTo("DOWN");
            assertThat(check(ready, "Database migrations")).containsEntry("status", "DOWN");
            JsonPath live = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();
            assertThat(live.getString("status")).isEqualTo("UP");
        } finally {
            PulseTestResources.startDatabase();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                given().get("/q/health/ready").statusCode() == 200);
    }

    private static Map<String, Object> check(JsonPath health, String name) {
        Map<String, Object> check = health.getMap("checks.find { it.name == '" + name + "' }");
        assertThat(check).as("health check %s in %s", name, health.prettify()).isNotNull();
        return check;
    }

    /** The newest migration in db/migrations, which the build copies onto the classpath. */
    private static int latestShipped() {
        try (Stream<Path> files = Files.list(Path.of("db/migrations"))) {
            return files.map(file -> MIGRATION.matcher(file.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void markLatestMigration(int version, boolean success) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE flyway_schema_history SET success = ? WHERE version = ?")) {
            update.setBoolean(1, success);
            update.setString(2, String.valueOf(version));
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
