package io.channelpulse.web.pages;

import io.channelpulse.analytics.Bucket;
import io.channelpulse.analytics.Period;
import io.channelpulse.store.Channel;
import io.channelpulse.store.PostQuery;

import java.time.ZoneId;
import java.util.List;

/** What every page shows in its frame: filters, the period they resolve to, the tracked channels. */
public record Frame(String path, PageFilters filters, Period period, List<Channel> channels, ZoneId zone) {

    public List<String> ranges() {
        return PageFilters.RANGES;
    }

    public List<String> buckets() {
        return PageFilters.BUCKETS.subList(1, PageFilters.BUCKETS.size());
    }

    public String link(String name, String value) {
        return path + "?" + filters.with(name, value);
    }

    /** True until the first post is stored: the overview then explains how to begin. */
    public boolean nothingStored() {
        return channels.stream().allMatch(c -> c.postCount == 0);
    }

    public String csv(String file, String extra) {
        String query = filters.query();
        return "/export/" + file + "?" + (extra == null || extra.isEmpty() ? query : extra + (query.isEmpty() ? "" : "&" + query));
    }

    /**
     * The bucket of the period's charts: the one asked for; without one, days up to three months, weeks up to two
     * years, then months, so that a long period stays a readable chart (and a light page).
     */
    Bucket chartBucket() {
        return filters.bucket() == null ? period.days() <= 92 ? Bucket.DAY : period.days() <= 731 ? Bucket.WEEK : Bucket.MONTH
                : Frames.bucket(filters);
    }

    /** The period's posts of these channels (null: all), with the other filters given (null: none). */
    PostQuery.Filter posts(List<Long> ids, String text, String topic, String mention) {
        return new PostQuery.Filter(ids,
                period.all() ? null : period.first().atStartOfDay(zone).toInstant(),
                period.last().plusDays(1).atStartOfDay(zone).toInstant(), text, topic, mention);
    }
}
