package io.channelpulse.alerts;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.store.RegisteredWebhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.InetAddress;
import java.net.URI;
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

    /** Where a delivery goes and how it is signed. */
    record Target(long id, String url, String secret) {
    }

    /** Checks the URL (scheme, and every address it resolves to), the secret, metrics and events, then adds it. */
    @Transactional
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
        RegisteredWebhook webhook = new RegisteredWebhook();
        webhook.url = uri.toString();
        webhook.secret = secret;
        webhook.metrics = metrics == null || metrics.isEmpty() ? null : known("metrics", metrics, METRICS);
        webhook.events = events == null || events.isEmpty() ? List.of(SPIKE) : known("events", events, EVENTS);
        webhook.persist();
        return read(webhook);
    }

    private static List<String> known(String name, List<String> values, List<String> allowed) {
        List<String> chosen = new ArrayList<>();
        for (String value : values) {
            if (value == null || !allowed.contains(value.strip())) {
                throw new BadParameterException(name, "'" + value + "' is not one of " + String.join(", ", allowed));
            }
            if (!chosen.contains(value.strip())) {
                chosen.add(value.strip());
            }
        }
        return chosen;
    }

    @Transactional
    public List<Webhook> list() {
        return RegisteredWebhook.listById().stream().map(Webhooks::read).toList();
    }

    /** Removes the webhook and its delivery log (by the foreign key's cascade); false if there is none. */
    @Transactional
    public boolean delete(long id) {
        return RegisteredWebhook.deleteById(id);
    }

    @Transactional
    Optional<Target> target(long id) {
        return RegisteredWebhook.<RegisteredWebhook>findByIdOptional(id)
                .map(webhook -> new Target(webhook.id, webhook.url, webhook.secret));
    }

    /** The webhooks that hear about a spike of this metric; there are a handful, so they are all read. */
    @Transactional
    List<Long> forSpike(String metric) {
        return RegisteredWebhook.listById().stream()
                .filter(webhook -> webhook.events.contains(SPIKE)
                        && (webhook.metrics == null || webhook.metrics.contains(metric)))
                .map(webhook -> webhook.id).toList();
    }

    private static Webhook read(RegisteredWebhook webhook) {
        return new Webhook(webhook.id, webhook.url, webhook.metrics == null ? null : List.copyOf(webhook.metrics),
                List.copyOf(webhook.events), webhook.createdAt);
    }
}
