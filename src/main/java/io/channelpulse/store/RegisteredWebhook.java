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

/** A URL that hears about spikes and post changes, signed with its secret; its delivery log goes with it. */
@Entity
@Table(name = "webhooks")
public class RegisteredWebhook extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String url;

    /** The key of the X-Pulse-Signature HMAC; never shown again after registration. */
    public String secret;

    /** Spike metrics it hears about; null means every metric. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> metrics;

    /** spike, post.edited, post.deleted. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> events;

    @Column(name = "created_at")
    public Instant createdAt = Instant.now();

    public static List<RegisteredWebhook> listById() {
        return list("order by id");
    }
}
