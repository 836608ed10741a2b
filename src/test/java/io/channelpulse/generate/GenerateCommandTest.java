package io.channelpulse.generate;

import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code generate} stores its posts through the real storage path, in paused channels. */
@QuarkusTest
class GenerateCommandTest {

    @Inject
    GenerateCommand command;

    @Inject
    DataSource dataSource;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void emptyDatabase() {
        Db.reset(dataSource);
        command.printTo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStreams() {
        command.printTo(System.out, System.err);
    }

    @Test
    void fillsTheDatabaseThroughThePostStore() {
        int exit = command.run("generate", "--posts", "2000", "--channels", "3", "--years", "1", "--seed", "7");

        assertThat(exit).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isEqualTo(3);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels WHERE status = 'paused'")).isEqualTo(3);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels WHERE handle ~ '^synthetic_0[1-3]$'"))
                .isEqualTo(3);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(2000);
        assertThat(Db.count(dataSource, "SELECT sum(message_count) FROM channels")).isEqualTo(2000);
        assertThat(Db.count(dataSource, "SELECT sum(post_count) FROM channels"))
                .isEqualTo(Db.count(dataSource, "SELECT count(*) FROM posts WHERE kind = 'post'"));
        assertThat(Db.count(dataSource, "SELECT count(DISTINCT channel_id) FROM channel_snapshots")).isEqualTo(3);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels WHERE subscribers > 0")).isEqualTo(3);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts WHERE published_at < now() - interval '366 days'"))
                .isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts WHERE kind = 'service' AND views IS NOT NULL"))
                .isZero();
        // Extracted on the way in, as for real posts.
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts WHERE 'osce' = ANY (hashtags)")).isPositive();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts WHERE cardinality(hashtags) > 0"
                + " AND array_to_string(hashtags, ' ') ~ '[а-я]'")).isPositive();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_media")).isPositive();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM post_views")).isPositive();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts WHERE forwarded_handle IS NOT NULL")).isPositive();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("posts/s").contains("2,000");
    }

    @Test
    void withoutTermsStoresAndCountsEverythingButTheTerms() {
        assertThat(command.run("generate", "--posts", "500", "--channels", "2", "--seed", "3", "--without-terms"))
                .isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(500);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM daily_counts")).isPositive();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channel_day_terms")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM term_forms")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("without terms");

        assertThat(command.run("generate", "--posts", "200", "--channels", "1", "--seed", "4")).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channel_day_terms"))
                .as("the next run counts terms again").isPositive();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM daily_term_totals"))
                .as("and sums them before it is done").isPositive();
    }

    @Test
    void aSecondRunAddsAfterTheExistingPosts() {
        assertThat(command.run("generate", "--posts", "600", "--channels", "2", "--years", "1", "--seed", "1"))
                .isZero();
        long newest = Db.count(dataSource, "SELECT max(p.id) FROM posts p JOIN channels c ON c.id = p.channel_id"
                + " WHERE c.handle = 'synthetic_01'");

        assertThat(command.run("generate", "--posts", "600", "--channels", "2", "--years", "1", "--seed", "1"))
                .isZero();

        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isEqualTo(2);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts")).isEqualTo(1200);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM posts p JOIN channels c ON c.id = p.channel_id"
                + " WHERE c.handle = 'synthetic_01' AND p.id > ?", newest)).isPositive();
    }

    @Test
    void badArgumentsExitWithTwoAndNameTheOption() {
        assertThat(command.run("generate", "--posts", "lots")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--posts").contains("Usage");
        assertThat(command.run("generate", "--channels", "0", "--posts", "10")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--channels");
        assertThat(command.run("generate", "--years")).isEqualTo(2);
        assertThat(command.run("generate", "--frobnicate", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--frobnicate");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM channels")).isZero();
    }
}
