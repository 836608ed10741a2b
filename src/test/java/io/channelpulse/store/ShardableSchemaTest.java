package io.channelpulse.store;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema fits docs/scaling.md's plan of distributing every per-channel table by {@code channel_id} (Citus): a
 * distributed table can only enforce a key that holds its distribution column, and a foreign key between two of
 * them only when both sides join on it. Read from pg_catalog after all migrations, so a new table is checked too.
 */
@QuarkusTest
class ShardableSchemaTest {

    /** Tables with a channel_id column: the ones docs/scaling.md distributes by it. */
    private static final String PER_CHANNEL = """
            SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'channel_id' AND NOT a.attisdropped
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')""";

    @Inject
    DataSource dataSource;

    @Test
    void theSchemaHasPerChannelTablesToCheck() throws SQLException {
        assertThat(rows("SELECT c.relname FROM pg_class c WHERE c.oid IN (" + PER_CHANNEL + ") ORDER BY 1"))
                .contains("posts", "daily_counts", "daily_posts", "daily_citations", "post_edits", "post_views");
    }

    @Test
    void everyPrimaryOrUniqueKeyOfAPerChannelTableHoldsChannelId() throws SQLException {
        // Unique indexes count as keys too: Citus refuses them just the same.
        List<String> keys = rows("""
                SELECT t.relname || ': ' || i.relname || ' (' || pg_get_indexdef(x.indexrelid) || ')'
                FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indisunique AND x.indrelid IN (%s)
                  AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = x.indrelid AND a.attname = 'channel_id'
                                  AND a.attnum = ANY (x.indkey))
                ORDER BY 1""".formatted(PER_CHANNEL));
        assertThat(keys).as("keys of per-channel tables without channel_id").isEmpty();
    }

    @Test
    void aForeignKeyBetweenTwoPerChannelTablesJoinsOnChannelId() throws SQLException {
        List<String> foreignKeys = rows("""
                SELECT f.conrelid::regclass || ' -> ' || f.confrelid::regclass || ': ' || f.conname
                FROM pg_constraint f
                WHERE f.contype = 'f' AND f.conrelid IN (%1$s) AND f.confrelid IN (%1$s)
                  AND NOT EXISTS (
                      SELECT 1 FROM unnest(f.conkey, f.confkey) AS pair (own, referenced)
                      JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = pair.own
                      JOIN pg_attribute b ON b.attrelid = f.confrelid AND b.attnum = pair.referenced
                      WHERE a.attname = 'channel_id' AND b.attname = 'channel_id')
                ORDER BY 1""".formatted(PER_CHANNEL));
        assertThat(foreignKeys).as("foreign keys between per-channel tables not joined on channel_id").isEmpty();
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rs = query.executeQuery()) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
