package io.channelpulse.web.pages;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.Bucket;
import io.channelpulse.analytics.DataVersions;
import io.channelpulse.analytics.KeptAnswers;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.web.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Builds the dashboard pages' frame from the filters asked, with the channel list kept by data version. */
@ApplicationScoped
class Frames {

    @Inject
    KeptAnswers kept;

    @Inject
    PageData data;

    @Inject
    SeriesQuery series;

    @Inject
    AnalyticsConfig analytics;

    /** The question of the frame's channel list (it changes with channels and their first posts). */
    private enum ChannelList { ALL }

    Frame frame(DataVersions.Versions now, String path, Filters asked, String bucket) {
        PageFilters filters = PageFilters.of(asked, bucket);
        bucket(filters);
        return new Frame(path, filters, asked.period(analytics.timezone(), series), kept.get(now, ChannelList.ALL,
                data::channels), analytics.timezone());
    }

    /** The bucket asked for, days without one; pages chart days and longer, an hour view is the series API's. */
    static Bucket bucket(PageFilters filters) {
        String value = filters.bucket();
        Bucket bucket = value == null ? Bucket.DAY : Bucket.of(value).orElseThrow(() ->
                new BadParameterException("bucket", "'" + value + "' is not one of hour, day, week, month"));
        return bucket == Bucket.HOUR ? Bucket.DAY : bucket;
    }
}
