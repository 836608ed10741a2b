package io.channelpulse.alerts;

import java.time.Duration;

/** The pause before the next try of a failed delivery or mail. Pure, for tests. */
final class Backoff {

    static final Duration LONGEST = Duration.ofHours(1);

    private Backoff() {
    }

    /** {@code pulse.alerts.first-retry} after the first failure, doubling with each further one, at most an hour. */
    static Duration after(AlertsConfig config, int attempts) {
        return after(config.firstRetry(), attempts);
    }

    static Duration after(Duration first, int attempts) {
        Duration pause = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return pause.compareTo(LONGEST) > 0 ? LONGEST : pause;
    }
}
