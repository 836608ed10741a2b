package io.channelpulse.network;

import io.channelpulse.analytics.DataVersions;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;
import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network answers are kept by data version: asked again without a change, the version stays and the answer is
 * the kept one; after a stored post, or a change another instance commits straight to the database, the very next
 * answer shows it.
 */
@QuarkusTest
class NetworkAnswersTest {

    private static final Instant DAY = Instant.parse("2026-11-03T09:00:00Z");
    private static final String PERIOD = "from=2026-11-01&to=2026-11-10";

    @Inject
    DataSource dataSource;

    @Inject
    PostStore store;

    @Inject
    DataVersions versions;

    private long bravo;

    @BeforeEach
    void twoChannels() {
        Db.reset(dataSource);
        channel("alpha_news");
        bravo = channel("bravo_news");
        store.storePosts(bravo, List.of(forward(1, "alpha_news")), Instant.now());
    }

    @Test
    void aStoredPostChangesTheNextAnswer() {
        assertThat(forwards("bravo_news", "alpha_news")).isEqualTo(1);
        long version = versions.read().data();
        assertThat(forwards("bravo_news", "alpha_news")).isEqualTo(1);
        assertThat(versions.read().data()).as("reading changes nothing").isEqualTo(version);

        store.storePosts(bravo, List.of(forward(2, "alpha_news"), mention(3, "@outside_one")), Instant.now());

        assertThat(versions.read().data()).isGreaterThan(version);
        assertThat(forwards("bravo_news", "alpha_news")).isEqualTo(2);
        assertThat(given().get("/api/discover/channels?" + PERIOD).then().statusCode(200).extract()
                .jsonPath().getList("handle", String.class)).containsExactly("outside_one");
    }

    @Test
    void aChangeCommittedByAnotherInstanceChangesTheNextAnswer() {
        assertThat(forwards("bravo_news", "alpha_news")).isEqualTo(1);
        assertThat(title("alpha_news")).isNull();

        // as another instance on the same database would write: not through this instance's beans
        execute("UPDATE daily_citations SET forwards = forwards + 5, citations = citations + 5");
        assertThat(forwards("bravo_news", "alpha_news")).isEqualTo(6);

        execute("UPDATE channels SET title = 'Alpha News' WHERE handle = 'alpha_news'");
        assertThat(title("alpha_news")).isEqualTo("Alpha News");

        execute("TRUNCATE daily_citations, daily_forward_lags");
        assertThat(network().getList("edges")).isEmpty();
    }

    private JsonPath network() {
        return given().get("/api/network?" + PERIOD).then().statusCode(200).extract().jsonPath();
    }

    private int forwards(String from, String to) {
        List<Integer> counts = network().getList("edges.findAll { it.from == '" + from + "' && it.to == '" + to
                + "' && it.kind == 'forward' }.count", Integer.class);
        assertThat(counts).hasSize(1);
        return counts.get(0);
    }

    private String title(String handle) {
        return network().getString("nodes.find { it.handle == '" + handle + "' }.title");
    }

    private void execute(String sql) {
        Db.execute(dataSource, sql);
    }

    private long channel(String handle) {
        return Db.count(dataSource, "INSERT INTO channels (handle, status) VALUES (?, 'paused') RETURNING id", handle);
    }

    private static ParsedPost forward(long id, String source) {
        return post(id, "Forwarded statement " + id, new ParsedPost.ForwardSource("Source", source, 100 + id));
    }

    private static ParsedPost mention(long id, String text) {
        return post(id, "Read " + text, null);
    }

    private static ParsedPost post(long id, String text, ParsedPost.ForwardSource forward) {
        return new ParsedPost("bravo_news", id, DAY.plusSeconds(60 * id), ParsedPost.Kind.POST, text, 10L, false, null,
                forward, null, List.of(), List.of(), List.of());
    }
}
