package io.channelpulse.alerts;

import io.channelpulse.digest.Jdbc;
import io.channelpulse.api.BadParameterException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The registered webhooks, checked on the way in. */
@ApplicationScoped
public class Webhooks {

    static final String SPIKE = "spike";
    static final String POST_EDITED = "post.edited";
    static final String POST_DELETED = "post.deleted";

    static final List<String> EVENTS = List.of(SPIKE, POST_EDITED, POST_DELETED);

    /** The metrics of {@link io.channelpulse.spikes.Spike}. */
    static final List<String> METRICS = List.of("topic", "mention", "name", "forward");

    private static final String COLUMNS = "id, url, metrics, events, created_at";

    /** Where a delivery goes and how it is signed. */
    record Target(long id, String url, String secret) {
    }

    @Inject
    DataSource dataSource;

    /** Checks the URL (scheme, and every address it resolves to), the secret, metrics and events, then adds it. */
    public Webhook register(String url, String secret, List<String> metrics, List<String> events) {
        URI uri;
        try {
            uri = WebhookAddress.parse(url);
            WebhookAddress.addresses(uri, InetAddress::getAllByName);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("url", e.getMessage());
        }
        if (secret == null || secret.isBlank()) {
            throw new BadParameterException("secret", "is required: the key the receiver checks X-Pulse-Signature "
                    + "(HMAC-SHA256 of the body) with");
        }
        if (secret.length() > 512) {
            throw new BadParameterException("secret", "is longer than 512 characters");
        }
        String[] chosenMetrics = metrics == null || metrics.isEmpty() ? null : known("metrics", metrics, METRICS);
        String[] chosenEvents = events == null || events.isEmpty() ? new String[]{SPIKE} : known("events", events, EVENTS);
        return Jdbc.query(dataSource, "INSERT INTO webhooks (url, secret, metrics, events) VALUES (?, ?, ?, ?) "
                + "RETURNING " + COLUMNS, Webhooks::read, uri.toString(), secret, chosenMetrics, chosenEvents).get(0);
    }

    private static String[] known(String name, List<String> values, List<String> allowed) {
        List<String> chosen = new ArrayList<>();
        for (String value : values) {
            if (value == null || !allowed.contains(value.strip())) {
                throw new BadParameterException(name, "'" + value + "' is not one of " + String.join(", ", allowed));
            }
            if (!chosen.contains(value.strip())) {
                chosen.add(value.strip());
            }
        }
        return chosen.toArray(String[]::new);
    }

    public List<Webhook> list() {
        return Jdbc.query(dataSource, "SELECT " + COLUMNS + " FROM webhooks ORDER BY id", Webhooks::read);
    }

    /** Removes the webhook and its delivery log; false if there is none. */
    public boolean delete(long id) {
        return Jdbc.update(dataSource, "DELETE FROM webhooks WHERE id = ?", id) == 1;
    }

    Optional<Target> target(long id) {
        return Jdbc.query(dataSource, "SELECT id, url, secret FROM webhooks WHERE id = ?",
                rs -> new Target(rs.getLong(1), rs.getString(2), rs.getString(3)), id).stream().findFirst();
    }

    /** The webhooks that hear about a spike of this metric. */
    List<Long> forSpike(String metric) {
        return Jdbc.query(dataSource, "SELECT id FROM webhooks WHERE ? = ANY (events) "
                + "AND (metrics IS NULL OR ? = ANY (metrics)) ORDER BY id", rs -> rs.getLong(1), SPIKE, metric);
    }

    static Webhook read(ResultSet rs) throws SQLException {
        return new Webhook(rs.getLong(1), rs.getString(2), Jdbc.strings(rs.getArray(3)), Jdbc.strings(rs.getArray(4)),
                rs.getTimestamp(5).toInstant());
    }
}
