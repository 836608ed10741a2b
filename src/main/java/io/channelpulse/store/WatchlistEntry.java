package io.channelpulse.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/**
 * A watched name as stored ({@code watched_entities}); a trigger bumps {@code watchlist_version} on every change,
 * which is how every instance learns to recompile its matcher.
 */
@Entity
@Table(name = "watched_entities")
public class WatchlistEntry extends PanacheEntityBase {

    /** Lowercase ASCII, such as {@code lavrov}: what a mention is counted under. */
    @Id
    public String key;

    public String label;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> aliases;

    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();

    public static List<WatchlistEntry> listByKey() {
        return list("order by key");
    }

    /**
     * Holds the key until the transaction ends, so that two saves of a key nobody has stored yet run one after the
     * other: the second finds the first's row and updates it instead of failing on the primary key.
     */
    public static void lockKey(String key) {
        getEntityManager().createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?1))) locked")
                .setParameter(1, "watched_entities:" + key).getSingleResult();
    }
}
