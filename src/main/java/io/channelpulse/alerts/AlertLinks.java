package io.channelpulse.alerts;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.digest.PublicUrlConfig;
import io.channelpulse.spikes.Spike;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/** Links from an alert back to the dashboard, on pulse.public-url. */
@ApplicationScoped
class AlertLinks {

    @Inject
    PublicUrlConfig publicUrl;

    @Inject
    AnalyticsConfig analytics;

    /** The page of the spike's key on the spike's day: the topic or name page, the terms or the overview. */
    String dashboard(Spike spike) {
        LocalDate day = day(spike);
        String period = "from=" + day + "&to=" + day;
        String key = URLEncoder.encode(spike.key(), StandardCharsets.UTF_8);
        return publicUrl.base() + switch (spike.metric()) {
            case "topic" -> "/topics/" + key + "?" + period;
            case "mention" -> "/mentions/" + key + "?" + period;
            case "name" -> "/terms?" + period + "&kind=name";
            default -> "/?" + period;
        };
    }

    /** The day the spike's bucket starts on, in pulse.timezone. */
    LocalDate day(Spike spike) {
        return LocalDate.ofInstant(spike.t(), analytics.timezone());
    }

    String post(String handle, long id) {
        return publicUrl.base() + "/posts/" + handle + "/" + id;
    }
}
