package io.channelpulse.store;

import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a post's story is put together: versions from the edit rows, and the forwards found through their index. */
@QuarkusTest
class PostStoriesTest {

    @Inject
    DataSource dataSource;

    @Test
    void eachVersionIsSeenWhenTheEditThatReplacedTheOneBeforeWasSeen() {
        Instant first = Instant.parse("2024-03-10T08:05:00Z");
        Instant second = Instant.parse("2024-03-10T09:00:00Z");
        Instant third = Instant.parse("2024-03-10T12:30:00Z");
        assertThat(PostStory.versions(first, "C", List.of(new PostStory.Edit(second, "A"), new PostStory.Edit(third, "B"))))
                .containsExactly(new PostStory.Version("A", first), new PostStory.Version("B", second),
                        new PostStory.Version("C", third));
        assertThat(PostStory.versions(first, "only", List.of())).containsExactly(new PostStory.Version("only", first));
    }

    @Test
    void forwardsOfAPostAreFoundThroughTheirIndexNotByReadingEveryPost() throws SQLException {
        Db.reset(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO channels (handle) VALUES ('pulse_edge')");
            statement.execute("""
                    INSERT INTO posts (channel_id, id, published_at, kind, text, forwarded_handle, forwarded_post_id)
                    SELECT 1, n, now(), 'post', 'post ' || n, CASE WHEN n % 10 = 0 THEN 'EmbUSA' END, n
                    FROM generate_series(1, 2000) n""");
            statement.execute("ANALYZE posts");
            List<String> plan = new ArrayList<>();
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + PostStories.FORWARDED_BY)) {
                explain.setString(1, "embusa");
                explain.setLong(2, 10);
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
            }
            assertThat(String.join("\n", plan)).contains("posts_forwarded_source").doesNotContain("Seq Scan on posts");
        }
    }
}
