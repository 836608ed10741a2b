package io.channelpulse.alerts;

import java.time.Instant;
import java.util.List;

/**
 * A registered webhook as the API shows it; its secret is never shown again.
 *
 * @param metrics spike metrics it hears about; null: every metric
 * @param events  spike, post.edited, post.deleted
 */
public record Webhook(long id, String url, List<String> metrics, List<String> events, Instant createdAt) {

    /** For the admin page. */
    public String metricList() {
        return metrics == null ? "all metrics" : String.join(", ", metrics);
    }

    /** For the admin page. */
    public String eventList() {
        return String.join(", ", events);
    }
}
