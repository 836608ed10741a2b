package io.channelpulse.alerts;

import io.channelpulse.spikes.Spike;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The short mail of one spike, rendered once when it is claimed and kept with the claim, so a retry sends the
 * same words.
 */
record AlertMail(String what, long count, String when, String expected, List<String> posts, String dashboard,
                 String to, String unsubscribe) {

    @CheckedTemplate(basePath = "AlertMail")
    static class Templates {
        static native TemplateInstance spike(AlertMail alert);
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm, d MMM yyyy", Locale.ENGLISH);

    static AlertMail of(Spike spike, ZoneId zone, String dashboard, String to, String unsubscribe) {
        String when = spike.bucket().equals("hour") ? "in the hour from " + HOUR.format(spike.t().atZone(zone))
                : "on " + DAY.format(spike.t().atZone(zone));
        return new AlertMail(what(spike), spike.count(), when, String.format(Locale.ROOT, "%.1f", spike.expected()),
                spike.posts(), dashboard, to, unsubscribe);
    }

    /** How the key reads to a person: #topic, the watched name, the name candidate, the forward source. */
    static String what(Spike spike) {
        return switch (spike.metric()) {
            case "topic" -> "#" + spike.label();
            case "forward" -> "Forwards from " + spike.label();
            default -> spike.label();
        };
    }

    String subject() {
        return "Spike: " + what + ", " + count + " posts " + when;
    }

    String text() {
        return Templates.spike(this).render();
    }
}
