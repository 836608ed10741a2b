package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A channel's polling state in the database: which instance is polling it, how far its backfill got, how its
 * last poll ended. The right to poll is a lock apart from this state ({@link ChannelLocks}).
 */
@ApplicationScoped
public class PollState {

    /** What a poll needs to know about its channel; {@code due}: its next check is due, by the database's clock. */
    public record Snapshot(long id, String handle, ChannelStatus status, Instant notBefore,
                           Long backfillBefore, int backfillPages, boolean backfillDone, Long gapBefore, Long gapFloor,
                           boolean due) {
    }

    /** The channel whose check is most overdue, or when the next check of any channel falls due. */
    public sealed interface Due {
        record Now(long channelId) implements Due {
        }

        record In(Duration after) implements Due {
        }

        record Nothing() implements Due {
        }
    }

    /**
     * Read at commit, so it may come last in the transaction; sent with the statement it prefixes in one round trip.
     */
    private static final String WITHOUT_FLUSH = "SET LOCAL synchronous_commit = off;\n";

    @Inject
    Sql db;

    @Inject
    InstanceIdentity identity;

    /** Names this instance as the one polling the channel now; {@link #finish} clears it when the poll ends. */
    @Transactional
    public void begin(long channelId) {
        db.update(WITHOUT_FLUSH + "UPDATE channels SET polled_by = ? WHERE id = ?", identity.name(), channelId);
    }

    /**
     * Lets the caller's transaction commit without waiting for the disk ({@code synchronous_commit = off} for this
     * transaction only). For writes whose loss in a crash of the database costs nothing but a request again: the
     * poll's bookkeeping, and a page stored together with its cursor, since a lost page takes its cursor with it
     * and the next poll fetches that page again (the database stays consistent; only the last fraction of a second
     * of commits can go). Without this, every page of a backfill waited for a WAL flush.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commitWithoutFlush() {
        db.update(WITHOUT_FLUSH);
    }

    @Transactional
    public Optional<Snapshot> load(long channelId) {
        return db.query("""
                SELECT id, handle, status, not_before, backfill_before, backfill_pages, backfill_done,
                       gap_before, gap_floor, next_poll_at IS NULL OR next_poll_at <= now()
                FROM channels WHERE id = ?""", channelId)
                .first(rs -> new Snapshot(rs.getLong(1), rs.getString(2), ChannelStatus.of(rs.getString(3)),
                        rs.getInstant(4), rs.getNullableLong(5), rs.getInt(6), rs.getBoolean(7),
                        rs.getNullableLong(8), rs.getNullableLong(9), rs.getBoolean(10)));
    }

    /**
     * Where the backfill stands; call it in the transaction that stored the page it came from. That transaction then
     * commits without waiting for the disk, see {@link #commitWithoutFlush}.
     */
    @Transactional
    public void saveBackfill(long channelId, Long nextBefore, int pages, boolean done) {
        db.update(WITHOUT_FLUSH + "UPDATE channels SET backfill_before = ?, backfill_pages = ?, backfill_done = ? WHERE id = ?",
                nextBefore, pages, done, channelId);
    }

    /**
     * Where filling a gap of new posts stands (null: no gap); call it in the transaction that stored the page, which
     * then commits without waiting for the disk, see {@link #commitWithoutFlush}.
     */
    @Transactional
    public void saveGap(long channelId, Long nextBefore, Long floor) {
        db.update(WITHOUT_FLUSH + "UPDATE channels SET gap_before = ?, gap_floor = ? WHERE id = ?", nextBefore, floor, channelId);
    }

    /**
     * How the poll ended, and when the channel is next due ({@code nextIn} from the database's now, so that
     * instances whose clocks differ agree). A channel paused meanwhile stays paused.
     */
    @Transactional
    public void finish(long channelId, ChannelStatus status, String error, Instant notBefore, Duration nextIn) {
        db.update(WITHOUT_FLUSH + "UPDATE channels SET polled_by = NULL, next_poll_at = now() + make_interval(secs => ?) WHERE id = ?",
                nextIn.toNanos() / 1e9, channelId);
        db.update("""
                UPDATE channels SET status = ?, last_error = ?, not_before = ?, last_polled_at = now()
                WHERE id = ? AND status <> 'paused'""",
                status.value(), error, notBefore, channelId);
    }

    /** Publication times of the channel's newest posts, newest first: what its posting rate is read from. */
    @Transactional
    public List<Instant> newestPostTimes(long channelId, int limit) {
        return db.list("SELECT published_at FROM posts WHERE channel_id = ? ORDER BY id DESC LIMIT ?",
                rs -> rs.getInstant(1), channelId, limit);
    }

    /**
     * The channel whose check is most overdue and that no instance is polling (its advisory lock, see
     * {@link ChannelLocks}, is free), else how long until the next check of any channel falls due. Paused
     * channels and channels told to wait ({@code not_before}) are not due.
     *
     * <p>Overdue is measured against the channel's own interval (the time from its last poll until it fell due),
     * so that when more checks fall due than the request gap allows, every channel's interval stretches by the same
     * factor: a busy channel due every 5 minutes and late by 5 goes before a quiet one due every 3 hours and late by
     * an hour. Ordered by lateness alone, an overload delayed every check by the same time, and the busy channels'
     * posts waited as long as the quiet ones'.
     */
    public Due nextDue() {
        return db.query("""
                SELECT c.id, extract(epoch FROM c.next_poll_at - now())
                FROM channels c
                WHERE c.status <> 'paused' AND (c.not_before IS NULL OR c.not_before < now())
                  AND NOT EXISTS (
                      SELECT 1 FROM pg_locks l
                      WHERE l.locktype = 'advisory' AND l.objsubid = 2
                        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        AND l.classid::bigint = ? AND l.objid::bigint = c.id)
                ORDER BY c.next_poll_at IS NOT NULL,
                         CASE WHEN c.next_poll_at <= now() THEN extract(epoch FROM now() - c.next_poll_at)
                              / GREATEST(extract(epoch FROM c.next_poll_at - c.last_polled_at), 0.001) END
                             DESC NULLS LAST,
                         c.next_poll_at, c.id
                LIMIT 1""", ChannelLocks.NAMESPACE)
                .<Due>first(rs -> {
                    double seconds = rs.getDouble(2);
                    if (rs.wasNull() || seconds <= 0) {
                        return new Due.Now(rs.getLong(1));
                    }
                    return new Due.In(Duration.ofNanos(Math.round(seconds * 1e9)));
                })
                .orElse(new Due.Nothing());
    }

    /** Keeps a page that did not parse, so that someone can see what Telegram sent. */
    @Transactional
    public void keepUnparsed(long channelId, String url, String error, String body) {
        db.update("INSERT INTO unparsed_pages (channel_id, url, error, body) VALUES (?, ?, ?, ?)",
                channelId, url, error, body);
    }
}
