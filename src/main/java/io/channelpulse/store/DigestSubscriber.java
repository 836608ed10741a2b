package io.channelpulse.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Someone who gets the daily digest (and, if they asked, spike alerts) by mail. */
@Entity
@Table(name = "digest_subscribers")
public class DigestSubscriber extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String email;

    /** Handles of the channels the digest is narrowed to; null means every channel. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> channels;

    public boolean alerts;

    @Column(name = "created_at")
    public Instant createdAt = Instant.now();

    @Column(name = "unsubscribed_at")
    public Instant unsubscribedAt;

    /** The subscriber with this address, in any letter case (the unique index is on {@code lower(email)}). */
    public static Optional<DigestSubscriber> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }

    public static List<DigestSubscriber> listByEmail() {
        return list("order by lower(email), id");
    }
}
