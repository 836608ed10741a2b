package io.channelpulse.export;

import io.channelpulse.store.PostQuery;
import io.channelpulse.store.StoreException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every post a filter matches, newest first, written as CSV while the database sends it: one query in a
 * read-only local transaction with a fetch size, so PostgreSQL hands the rows over through a cursor a thousand
 * at a time and neither the driver nor the writer ever holds more than that. Not a JTA transaction: its
 * timeout would cut a long download short.
 */
@ApplicationScoped
public class PostExport {

    /**
     * The columns of posts.csv; the spec's ten first, then what a reader of the file also wants. deleted_at (when we
     * confirmed the post was deleted from its channel, empty while it is there) comes last so older readers of the
     * file keep their column positions.
     */
    public static final List<String> COLUMNS = List.of("channel", "id", "url", "published_at", "text", "views",
            "edited", "forwarded_from", "hashtags", "mentions", "kind", "signature", "reply_to", "deleted_at");

    /** Rows the driver fetches per round trip. */
    static final int FETCH_SIZE = 1000;

    private static final String SELECT = """
            SELECT c.handle, p.id, p.published_at, p.text, p.views, p.edited, p.forwarded_handle,
                   p.forwarded_title, p.hashtags, p.mentions, p.kind, p.signature, p.reply_to, p.deleted_at
            FROM posts p JOIN channels c ON c.id = p.channel_id
            WHERE TRUE
            """;

    @Inject
    DataSource dataSource;

    /** Writes the header and every matching post to {@code out}, flushing as the buffer fills. */
    public void write(PostQuery.Filter filter, OutputStream out) throws IOException {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> parameters = new ArrayList<>();
        PostQuery.conditions(filter, sql, parameters);
        sql.append(" ORDER BY p.published_at DESC, p.channel_id DESC, p.id DESC");

        CsvWriter csv = new CsvWriter(out);
        csv.row(COLUMNS.toArray(String[]::new));
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // The PostgreSQL driver streams through a cursor only with auto-commit off and a fetch size set.
            connection.setAutoCommit(false);
            try (PreparedStatement query = PostQuery.plannedForItsParameters(connection.prepareStatement(sql.toString(),
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY))) {
                query.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < parameters.size(); i++) {
                    Object value = parameters.get(i);
                    query.setObject(i + 1, value instanceof Long[] ids ? connection.createArrayOf("bigint", ids) : value);
                }
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        writeRow(csv, rs);
                        rows++;
                    }
                }
                csv.flush();
            } finally {
                // Only reads happened: ending the transaction either way closes the cursor.
                try {
                    connection.rollback();
                    connection.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // the connection is broken; closing it below returns or discards it
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read posts for the CSV export after " + rows + " rows", e);
        } catch (IOException e) {
            Log.debugf("CSV export of posts stopped after %d rows: %s", rows, e.getMessage());
            throw e;
        }
    }

    private static void writeRow(CsvWriter csv, ResultSet rs) throws SQLException, IOException {
        String handle = rs.getString(1);
        long id = rs.getLong(2);
        String forwardedHandle = rs.getString(7);
        csv.text(handle)
                .number(id)
                .plain("https://t.me/" + handle + "/" + id)
                .plain(rs.getObject(3, OffsetDateTime.class).toInstant().toString())
                .text(rs.getString(4))
                .number((Long) rs.getObject(5))
                .bool(rs.getBoolean(6))
                .text(forwardedHandle != null ? forwardedHandle : rs.getString(8))
                .words(strings(rs.getArray(9)))
                .words(strings(rs.getArray(10)))
                .text(rs.getString(11))
                .text(rs.getString(12))
                .number((Long) rs.getObject(13))
                .plain(instant(rs.getObject(14, OffsetDateTime.class)))
                .endRow();
    }

    private static String instant(OffsetDateTime at) {
        return at == null ? "" : at.toInstant().toString();
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
