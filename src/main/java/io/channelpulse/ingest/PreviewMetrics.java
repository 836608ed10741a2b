package io.channelpulse.ingest;

import io.channelpulse.ingest.telegram.PreviewCounts;
import io.channelpulse.ops.PulseMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Telegram's answers counted in the app's metrics. */
@ApplicationScoped
class PreviewMetrics implements PreviewCounts {

    @Inject
    PulseMetrics metrics;

    @Override
    public void pageFetched() {
        metrics.pageFetched();
    }

    @Override
    public void rateLimited() {
        metrics.rateLimited();
    }

    @Override
    public void retrying() {
        metrics.retrying();
    }

    @Override
    public void requestTook(long nanos) {
        metrics.telegramRequest(nanos);
    }
}
