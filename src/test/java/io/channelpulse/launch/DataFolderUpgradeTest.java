package io.channelpulse.launch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL is 17, and a data folder made by the PostgreSQL 14 of earlier versions is upgraded at
 * start with every row kept. The 14 folders here are made the way the old app made them: zonky's 14 server,
 * the real migrations, posts written with SQL.
 */
class DataFolderUpgradeTest {

    static final int POSTS = 700;
    /** A digest of every post's stored fields, to compare before and after the upgrade. */
    static final String POSTS_DIGEST = """
            SELECT count(*) || ':' || md5(string_agg(concat_ws('|', channel_id, id, published_at, kind, text, views,
                edited, links::text, hashtags::text, mentions::text), E'\\n' ORDER BY channel_id, id))
            FROM posts""";
    static final String HISTORY =
            "SELECT string_agg(version || ' ' || installed_on, ',' ORDER BY installed_rank) FROM flyway_schema_history";

    @TempDir
    Path dataDir;

    @Test
    void aFreshStartRunsPostgres17() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            assertThat(query(database.jdbcUrl(), "SHOW server_version")).startsWith("17.");
        }
        assertThat(Files.readString(dataDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("17");
        assertThat(siblings()).containsExactly("postgres");
    }

    @Test
    void aPostgres14FolderIsUpgradedWithEveryPostAndKeptAsABackup() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        OldFolder before = makePostgres14Folder(pgData);
        String postsBefore = before.posts();
        assertThat(postsBefore).startsWith(POSTS + ":");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            String url = database.jdbcUrl();
            assertThat(query(url, "SHOW server_version")).startsWith("17.");
            assertThat(query(url, POSTS_DIGEST)).isEqualTo(postsBefore);
            assertThat(query(url, "SELECT string_agg(key, ',' ORDER BY key) FROM watched_entities"))
                    .as("the migrations' starter rows do not come back beside the copied ones").isEqualTo(before.watchlist());
            assertThat(query(url, HISTORY)).isEqualTo(before.history());
            assertThat(query(url, "SELECT count(*) FROM posts WHERE search_vector @@ to_tsquery('russian', 'пост')"))
                    .as("generated columns are made anew").isEqualTo(String.valueOf(POSTS));
            assertThat(Long.parseLong(query(url, "INSERT INTO channels (handle) VALUES ('after') RETURNING id")))
                    .as("sequences go on where they were").isGreaterThan(before.lastChannelId() + 1);
            assertThat(Flyway.configure().dataSource(url, EmbeddedDatabase.USER, null)
                    .locations(DatabaseCopy.MIGRATIONS).load().migrate().migrationsExecuted)
                    .as("the app's migrate at start finds the schema up to date").isZero();
        }
        assertThat(Files.readString(pgData.resolve("PG_VERSION")).trim()).isEqualTo("17");
        List<String> siblings = siblings();
        assertThat(siblings).hasSize(2).contains("postgres");
        String backup = siblings.stream().filter(name -> !name.equals("postgres")).findFirst().orElseThrow();
        assertThat(backup).matches("postgres-14-backup-\\d{8}-\\d{6}");
        assertThat(Files.readString(dataDir.resolve(backup).resolve("PG_VERSION")).trim()).isEqualTo("14");

        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir)) {
            assertThat(query(again.jdbcUrl(), POSTS_DIGEST)).as("a second start opens the 17 folder").isEqualTo(postsBefore);
        }
        assertThat(siblings()).hasSize(2);
    }

    @Test
    void aStartAfterACrashBetweenTheRenamesFinishesThem() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        OldFolder before = makePostgres14Folder(pgData);
        EmbeddedDatabase.start(dataDir).close();
        // as the upgrade leaves it if killed right after moving the 14 folder aside
        Path upgrading = Files.move(pgData, dataDir.resolve("postgres-17-upgrade"));
        Files.createFile(upgrading.resolve(DataFolderUpgrade.COPIED));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            assertThat(query(database.jdbcUrl(), POSTS_DIGEST)).isEqualTo(before.posts());
        }
        assertThat(pgData.resolve(DataFolderUpgrade.COPIED)).doesNotExist();
        assertThat(siblings()).hasSize(2).contains("postgres").noneMatch(name -> name.endsWith("-upgrade"));
    }

    @Test
    void whenTheUpgradeFailsTheOldFolderStaysAndTheStartSaysWhatToDo() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedDatabase.server(pgData, Postgres14Binaries.INSTANCE).start()) {
            String url = old.getJdbcUrl(EmbeddedDatabase.USER, "postgres");
            Flyway.configure().dataSource(url, EmbeddedDatabase.USER, null).locations(DatabaseCopy.MIGRATIONS)
                    .load().migrate();
            execute(url, "CREATE DATABASE notes");
        }

        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Could not upgrade the PostgreSQL 14 data in " + pgData)
                .hasMessageContaining("databases notes")
                .hasMessageContaining("The folder is untouched");
        assertThat(Files.readString(pgData.resolve("PG_VERSION")).trim()).isEqualTo("14");
        assertThat(siblings()).containsExactly("postgres");
    }

    @Test
    void aFolderFromAnotherVersionIsNotOpenedButExplained() throws IOException {
        Path pgData = Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(pgData.resolve("PG_VERSION"), "12\n");

        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds a PostgreSQL 12 database")
                .hasMessageContaining("pg_dumpall");
        assertThat(siblings()).containsExactly("postgres");
    }

    /** What a PostgreSQL 14 folder held, read with the 14 server: to compare with what the 17 one holds. */
    record OldFolder(String posts, String watchlist, String history, long lastChannelId) {
    }

    /**
     * Makes {@code pgData} as the app on PostgreSQL 14 did: the real migrations, then POSTS posts in the channels
     * channel1 and channel2 (half each; channel3 was added and removed, the starter watchlist lost "china"), with
     * text that COPY must carry exactly.
     */
    static OldFolder makePostgres14Folder(Path pgData) throws SQLException {
        try (EmbeddedPostgres old = EmbeddedDatabase.server(pgData, Postgres14Binaries.INSTANCE).start()) {
            String url = old.getJdbcUrl(EmbeddedDatabase.USER, "postgres");
            assertThat(query(url, "SHOW server_version")).startsWith("14.");
            Flyway.configure().dataSource(url, EmbeddedDatabase.USER, null).locations(DatabaseCopy.MIGRATIONS)
                    .load().migrate();
            execute(url, """
                    INSERT INTO channels (handle, title) SELECT 'channel' || n, 'Канал ' || n FROM generate_series(1, 3) n;
                    DELETE FROM channels WHERE handle = 'channel3';
                    DELETE FROM watched_entities WHERE key = 'china';
                    INSERT INTO posts (channel_id, id, published_at, kind, text, views, links, hashtags, mentions)
                    SELECT 1 + n % 2, n, timestamptz '2025-01-01 00:00Z' + n * interval '37 minutes', 'post',
                           'Пост ' || n || E' with\\ta tab,\\na new line, a \\\\ backslash and "quotes" #tag' || n % 5,
                           CASE WHEN n % 7 = 0 THEN NULL ELSE n * 1000 END,
                           ARRAY['https://example.org/' || n], ARRAY['#tag' || n % 5], ARRAY['@someone']
                    FROM generate_series(1, POSTS) n;""".replace("POSTS", String.valueOf(POSTS)));
            return new OldFolder(query(url, POSTS_DIGEST),
                    query(url, "SELECT string_agg(key, ',' ORDER BY key) FROM watched_entities"),
                    query(url, HISTORY), Long.parseLong(query(url, "SELECT max(id) FROM channels")));
        } catch (IOException e) {
            throw new SQLException("could not run the PostgreSQL 14 server", e);
        }
    }

    List<String> siblings() throws IOException {
        try (Stream<Path> names = Files.list(dataDir)) {
            return names.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    static String query(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, EmbeddedDatabase.USER, null);
             Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, EmbeddedDatabase.USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
