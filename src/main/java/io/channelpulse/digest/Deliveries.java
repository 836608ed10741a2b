package io.channelpulse.digest;

import io.channelpulse.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** How digests went: the latest day sent, and the sends that need a look (failed or interrupted), newest first. */
@ApplicationScoped
public class Deliveries {

    /** Enough for a page; older problems stay in digest_log. */
    static final int LIMIT = 200;

    @Inject
    Sql db;

    @Inject
    DigestConfig config;

    /** The newest day any digest was claimed for, and to how many of its subscribers it went out. */
    public record LastDay(LocalDate day, long sent, long claimed) {
    }

    public Optional<LastDay> lastDay() {
        return db.list("SELECT day, count(*) FILTER (WHERE status = 'sent'), count(*) FROM digest_log "
                        + "WHERE day = (SELECT max(day) FROM digest_log) GROUP BY day",
                rs -> new LastDay(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3))).stream().findFirst();
    }

    public List<Delivery> needingAttention() {
        return db.list("SELECT l.subscriber_id, s.email, l.day, l.status, l.attempts, l.last_error, "
                        + "l.next_attempt_at FROM digest_log l JOIN digest_subscribers s ON s.id = l.subscriber_id "
                        + "WHERE l.status IN ('failed', 'interrupted') AND s.unsubscribed_at IS NULL "
                        + "ORDER BY l.day DESC, s.email LIMIT " + LIMIT,
                rs -> new Delivery(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                        rs.getInt(5), rs.getString(6),
                        rs.getInstant(7),
                        "failed".equals(rs.getString(4)) && rs.getInt(5) >= config.maxAttempts()));
    }
}
