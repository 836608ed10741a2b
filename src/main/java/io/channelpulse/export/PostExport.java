package io.channelpulse.export;

import io.channelpulse.store.PostQuery;
import io.channelpulse.store.Row;
import io.channelpulse.store.Sql;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
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
    Sql db;

    /** Writes the header and every matching post to {@code out}, flushing as the buffer fills. */
    public void write(PostQuery.Filter filter, OutputStream out) throws IOException {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> parameters = new ArrayList<>();
        PostQuery.conditions(filter, sql, parameters);
        sql.append(" ORDER BY p.published_at DESC, p.channel_id DESC, p.id DESC");

        CsvWriter csv = new CsvWriter(out);
        csv.row(COLUMNS.toArray(String[]::new));
        long[] rows = new long[1];
        try {
            db.query(sql.toString(), parameters).plannedForItsParameters().stream(FETCH_SIZE, row -> {
                writeRow(csv, row);
                rows[0]++;
            });
            csv.flush();
        } catch (IOException e) {
            Log.debugf("CSV export of posts stopped after %d rows: %s", rows[0], e.getMessage());
            throw e;
        }
    }

    private static void writeRow(CsvWriter csv, Row rs) throws IOException {
        String handle = rs.getString(1);
        long id = rs.getLong(2);
        String forwardedHandle = rs.getString(7);
        csv.text(handle)
                .number(id)
                .plain("https://t.me/" + handle + "/" + id)
                .plain(rs.getInstant(3).toString())
                .text(rs.getString(4))
                .number(rs.getNullableLong(5))
                .bool(rs.getBoolean(6))
                .text(forwardedHandle != null ? forwardedHandle : rs.getString(8))
                .words(rs.getTexts(9))
                .words(rs.getTexts(10))
                .text(rs.getString(11))
                .text(rs.getString(12))
                .number(rs.getNullableLong(13))
                .plain(instant(rs.getInstant(14)))
                .endRow();
    }

    private static String instant(Instant at) {
        return at == null ? "" : at.toString();
    }
}
