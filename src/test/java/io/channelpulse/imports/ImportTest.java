package io.channelpulse.imports;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostDeletions;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Imports through the API and the command, into the same storage and counting path as polled posts. */
@QuarkusTest
class ImportTest {

    @Inject
    DataSource dataSource;

    @Inject
    PostStore store;

    @Inject
    PostDeletions deletions;

    @Inject
    ImportCommand command;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void empty() {
        Db.reset(dataSource);
        command.printTo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStreams() {
        command.printTo(System.out, System.err);
    }

    @Test
    void anExportBecomesOrdinaryPostsOfANewPausedChannel() {
        Db.count(dataSource, "INSERT INTO channels (handle, title, status) VALUES ('mfarussia', 'Russian MFA', 'paused')"
                + " RETURNING id");

        JsonPath done = importAndWait(ExportReaderTest.NEW, "pulse_edge", "application/json");

        assertThat(done.getString("channel")).isEqualTo("pulse_edge");
        assertThat(done.getLong("read")).isEqualTo(8);
        assertThat(done.getLong("stored")).isEqualTo(7);
        assertThat(done.getLong("skipped")).as("the unsupported message").isEqualTo(1);
        assertThat(done.getList("errors")).isEmpty();

        JsonPath channel = RestAssured.get("/api/channels/pulse_edge").then().statusCode(200).extract().jsonPath();
        assertThat(channel.getString("status")).isEqualTo("paused");
        assertThat(channel.getString("source")).isEqualTo("import");
        assertThat(channel.getString("title")).isEqualTo("Pulse Edge");
        assertThat(channel.getLong("messageCount")).isEqualTo(7);
        assertThat(channel.getLong("postCount")).isEqualTo(5);

        JsonPath posts = RestAssured.given().queryParam("channel", "pulse_edge").queryParam("range", "all")
                .get("/api/posts").then().statusCode(200).extract().jsonPath();
        assertThat(posts.getList("items.id", Long.class)).containsExactly(10L, 9L, 8L, 7L, 4L, 3L, 1L);
        Map<String, Object> talks = posts.getMap("items.find { it.id == 3 }");
        assertThat(talks.get("text")).isEqualTo("Talks in Vienna #OSCE\nthe statementquoted words hidden🔥 @natopress");
        assertThat(talks.get("publishedAt")).isEqualTo("2024-03-01T07:05:00Z");
        assertThat(talks.get("edited")).isEqualTo(true);
        assertThat(talks.get("signature")).isEqualTo("Anna K.");
        assertThat(talks.get("replyTo")).isEqualTo(1);
        assertThat(talks.get("forwardedFrom")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("handle", "mfarussia").containsEntry("title", "Russian MFA");
        assertThat(talks.get("hashtags")).isEqualTo(List.of("osce"));
        assertThat(talks.get("mentions")).asList().contains("mfarussia", "natopress", "osce");
        assertThat(talks.get("reactions")).asList().hasSize(3);
        assertThat(talks.get("media")).isEqualTo(List.of(Map.of("type", "photo")));
        assertThat(posts.getString("items.find { it.id == 1 }.kind")).isEqualTo("service");

        // Counted like polled posts, in the same transaction.
        assertThat(Db.count(dataSource, "SELECT coalesce(sum(posts), 0) FROM daily_counts WHERE metric = 'topic' AND key = 'osce'"))
                .isEqualTo(1);
        RestAssured.given().queryParam("metric", "forward").queryParam("range", "all").get("/api/top")
                .then().statusCode(200).body("[0].key", equalTo("mfarussia"));
    }

    @Test
    void importingTheSameFileTwiceStoresNothingTwice() {
        importAndWait(ExportReaderTest.NEW, "pulse_edge", "application/json");
        Snapshot first = snapshot();

        JsonPath second = importAndWait(ExportReaderTest.NEW, "pulse_edge", "application/json");

        assertThat(second.getLong("read")).isEqualTo(8);
        assertThat(second.getLong("stored")).isZero();
        assertThat(second.getLong("skipped")).isEqualTo(8);
        assertThat(snapshot()).isEqualTo(first);
    }

    @Test
    void anImportOverlappingPolledPostsMergesWithoutDuplicates() {
        long channelId = Db.count(dataSource, "INSERT INTO channels (handle, title) VALUES ('pulse_edge', 'Edge')"
                + " RETURNING id");
        Instant polledAt = Instant.parse("2024-03-01T20:00:00Z");
        store.storePosts(channelId, List.of(
                post(3, "Talks in Vienna #OSCE, first words", Instant.ofEpochSecond(1709276700)),
                post(4, "A report as the page shows it", Instant.ofEpochSecond(1709280000)),
                post(5, "Only polled #polled", Instant.ofEpochSecond(1709280010))), polledAt);
        Snapshot polled = snapshot();

        JsonPath done = importAndWait(ExportReaderTest.NEW, "PULSE_EDGE", "application/json");

        // 3 was edited after the poll (edited_unixtime 2024-03-02): the export's text is later and wins.
        // 4 was not edited since it was published, before the poll: the polled version stays.
        assertThat(done.getLong("stored")).isEqualTo(6);
        assertThat(done.getLong("skipped")).isEqualTo(2);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(8);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).as("the tracked channel, not a new one")
                .isEqualTo(1);
        assertThat(Db.text(dataSource, "SELECT text FROM posts WHERE id = 3"))
                .isEqualTo("Talks in Vienna #OSCE\nthe statementquoted words hidden🔥 @natopress");
        assertThat(Db.text(dataSource, "SELECT previous_text FROM post_edits WHERE post_id = 3"))
                .isEqualTo("Talks in Vienna #OSCE, first words");
        assertThat(Db.text(dataSource, "SELECT text FROM posts WHERE id = 4")).isEqualTo("A report as the page shows it");
        assertThat(Db.text(dataSource, "SELECT source FROM channels")).isEqualTo("preview");
        assertThat(Db.count(dataSource, "SELECT message_count FROM channels")).isEqualTo(polled.messages() + 5);
        assertThat(Db.count(dataSource, "SELECT coalesce(sum(posts), 0) FROM daily_counts WHERE metric = 'topic' AND key = 'osce'"))
                .as("moved, not added").isEqualTo(1);
    }

    @Test
    void idsOnlyAnImportHoldsAreNeverTakenForDeletions() {
        importAndWait(ExportReaderTest.NEW, "pulse_edge", "application/json");
        long channelId = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'pulse_edge'");
        Instant now = Instant.now();

        // A preview page from 1 to 10 shows only 1, 3, 4 and 10 (the rest are, say, album pieces), twice.
        PostDeletions.Check first = deletions.check(channelId, List.of(1L, 3L, 4L, 10L), true, now);
        PostDeletions.Check second = deletions.check(channelId, List.of(1L, 3L, 4L, 10L), true, now.plusSeconds(60));

        assertThat(first.candidates()).isEmpty();
        assertThat(first.tooMany()).isFalse();
        assertThat(second.confirmed()).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts WHERE deleted_at IS NOT NULL")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels WHERE deletion_warning IS NOT NULL")).isZero();

        // Once a page showed post 4, it is an ordinary post: missing later, it is a deletion candidate.
        PostDeletions.Check without4 = deletions.check(channelId, List.of(1L, 3L, 10L), true, now.plusSeconds(120));
        assertThat(without4.candidates()).containsExactly(4L);
    }

    @Test
    void badFilesAreA400WithTheReasonAndNothingIsStored() {
        Admin.given().contentType("application/json").body("<html>not found</html>")
                .post("/api/imports?channel=pulse_edge")
                .then().statusCode(400).body("error", startsWith("file: line 1, column 1: not JSON"));
        String truncated = ExportReaderTest.NEW.substring(0, ExportReaderTest.NEW.indexOf("\"id\": 8"));
        Admin.given().contentType("application/json").body(truncated).post("/api/imports?channel=pulse_edge")
                .then().statusCode(400).body("error", startsWith("file: line "))
                .body("error", org.hamcrest.Matchers.containsString("cut short"));
        Admin.given().contentType("application/json").body("{\"name\": \"Chat\", \"type\": \"private_supergroup\","
                        + " \"id\": 1, \"messages\": []}").post("/api/imports?channel=pulse_edge")
                .then().statusCode(400).body("error", equalTo("file: the export is of a private supergroup, not a"
                        + " channel: only channels can be imported"));
        Admin.given().contentType("application/json").body("{\"about\": \"x\"}").post("/api/imports?channel=pulse_edge")
                .then().statusCode(400).body("error", startsWith("file: line 1, column 14: not a Telegram Desktop export"));
        Admin.given().contentType("application/json").body(ExportReaderTest.NEW).post("/api/imports?channel=a")
                .then().statusCode(400).body("error", startsWith("channel: 'a' is not a public channel handle"));
        Admin.given().contentType("application/json").body(ExportReaderTest.NEW)
                .post("/api/imports?channel=pulse_edge&timezone=Mars/Olympus")
                .then().statusCode(400).body("error", startsWith("timezone: 'Mars/Olympus'"));
        RestAssured.given().contentType("application/json").body(ExportReaderTest.NEW)
                .post("/api/imports?channel=pulse_edge").then().statusCode(401);
        Admin.given().get("/api/imports/12345").then().statusCode(404);

        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM imports")).isZero();
    }

    @Test
    void aMessageTheDatabaseRefusesIsSkippedAndNamedAndTheRestOfItsBatchIsStored() {
        // PostgreSQL's text cannot hold a NUL character, which JSON can: the batch's one statement per table fails.
        String export = ExportReaderTest.NEW.replace("\" in Vienna \"", "\" in\\u0000 Vienna \"");
        assertThat(export).isNotEqualTo(ExportReaderTest.NEW);

        JsonPath done = importAndWait(export, "pulse_edge", "application/json");

        assertThat(done.getLong("read")).isEqualTo(8);
        assertThat(done.getLong("stored")).isEqualTo(6);
        assertThat(done.getLong("skipped")).as("the unsupported message and the refused one").isEqualTo(2);
        assertThat(done.getList("errors")).hasSize(1);
        assertThat(done.getLong("errors[0].messageId")).isEqualTo(3);
        assertThat(done.getString("errors[0].reason")).startsWith("not stored, the database refused it: ").contains("0x00");
        JsonPath posts = RestAssured.given().queryParam("channel", "pulse_edge").queryParam("range", "all")
                .get("/api/posts").then().statusCode(200).extract().jsonPath();
        assertThat(posts.getList("items.id", Long.class)).containsExactly(10L, 9L, 8L, 7L, 4L, 1L);
        assertThat(Db.count(dataSource, "SELECT message_count FROM channels")).isEqualTo(6);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM daily_counts WHERE metric = 'topic' AND key = 'osce'"))
                .as("nothing of the refused message is counted").isZero();
    }

    @Test
    void aZipOfTheExportFolderImports() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("ChatExport_2019-03-03/result.json"));
            out.write(ExportReaderTest.OLD.getBytes(StandardCharsets.UTF_8));
        }
        JsonPath done = importAndWait(zip.toByteArray(), "old_channel", "application/zip", "Europe/Moscow");

        assertThat(done.getLong("stored")).isEqualTo(2);
        assertThat(Db.text(dataSource, "SELECT published_at::text FROM posts WHERE id = 5"))
                .as("a local date of an old export, in the zone given").isEqualTo("2019-03-01 09:00:00+00");
    }

    @Test
    void theCommandImportsAFileAndSaysWhatItDid(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("result.json");
        Files.writeString(file, ExportReaderTest.NEW);

        int exit = command.run("import", file.toString(), "--channel", "pulse_edge", "--timezone", "UTC");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("into @pulse_edge")
                .contains("done: read 8 messages, stored 7, skipped 1");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(7);
        assertThat(command.run("import", dir.resolve("missing.json").toString(), "--channel", "pulse_edge")).isEqualTo(2);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"messages\": [{\"id\": 1,");
        assertThat(command.run("import", bad.toString(), "--channel", "pulse_edge")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.json: line 1, column").contains("cut short");
    }

    private static JsonPath importAndWait(String export, String channel, String type) {
        return importAndWait(export.getBytes(StandardCharsets.UTF_8), channel, type, null);
    }

    private static JsonPath importAndWait(byte[] export, String channel, String type, String timezone) {
        var request = Admin.given().contentType(type).body(export).queryParam("channel", channel);
        if (timezone != null) {
            request.queryParam("timezone", timezone);
        }
        JsonPath accepted = request.post("/api/imports").then().statusCode(202)
                .body("state", equalTo("queued")).extract().jsonPath();
        long id = accepted.getLong("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("done", "failed").contains(
                Admin.given().get("/api/imports/" + id).then().statusCode(200).extract().path("state")));
        JsonPath status = Admin.given().get("/api/imports/" + id).then().extract().jsonPath();
        assertThat(status.getString("state")).as(status.prettify()).isEqualTo("done");
        return status;
    }

    private record Snapshot(long posts, long messages, long edits, long topics, long media, long reactions) {
    }

    private Snapshot snapshot() {
        return new Snapshot(Db.count(dataSource, "SELECT count(*) FROM posts"),
                Db.count(dataSource, "SELECT coalesce(sum(message_count), 0) FROM channels"),
                Db.count(dataSource, "SELECT count(*) FROM post_edits"),
                Db.count(dataSource, "SELECT coalesce(sum(posts), 0) FROM daily_counts"),
                Db.count(dataSource, "SELECT count(*) FROM post_media"),
                Db.count(dataSource, "SELECT count(*) FROM post_reactions"));
    }

    private static ParsedPost post(long id, String text, Instant at) {
        return new ParsedPost("pulse_edge", id, at, ParsedPost.Kind.POST, text, 100L, false, null, null, null,
                List.of(), List.of(), List.of());
    }
}
