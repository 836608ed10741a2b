package io.channelpulse.web;

import io.channelpulse.analytics.Period;
import io.channelpulse.api.TimeRange;
import io.channelpulse.api.ApiDocument;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.store.Channel;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * The filters the API and the pages share — {@code channel} (repeatable), {@code from}, {@code to}, {@code range} —
 * read from the query once per request (a {@code @BeanParam}). The channels are looked up in one query and the period
 * resolved once, however often a request asks; blank values count as absent.
 */
public class Filters {

    @QueryParam("channel")
    @Parameter(description = ApiDocument.CHANNEL)
    List<String> channel;

    @QueryParam("from")
    @Parameter(description = ApiDocument.FROM)
    String from;

    @QueryParam("to")
    @Parameter(description = ApiDocument.TO)
    String to;

    @QueryParam("range")
    @Parameter(description = ApiDocument.RANGE)
    String range;

    private boolean looked;
    private List<Long> channelIds;
    private Period period;

    /** For the few callers whose parameters are documented apart (the network's citing channels) or made up. */
    public static Filters of(List<String> channels, String from, String to, String range) {
        Filters filters = new Filters();
        filters.channel = channels;
        filters.from = from;
        filters.to = to;
        filters.range = range;
        return filters;
    }

    /** A channel's page: the channel was found by its path already, so it is not looked up again. */
    public static Filters ofChannel(Channel tracked, String from, String to, String range) {
        Filters filters = of(List.of(tracked.handle), from, to, range);
        filters.channelIds = List.of(tracked.id);
        filters.looked = true;
        return filters;
    }

    /** These filters with {@code range} when they name no period, as the search page's "all time". */
    public Filters orRange(String fallback) {
        return from() == null && to() == null && range() == null ? of(channel, null, null, fallback) : this;
    }

    /** The channels as given, blank ones left out. */
    public List<String> channels() {
        return channel == null ? List.of() : channel.stream().filter(c -> c != null && !c.isBlank()).map(String::strip)
                .toList();
    }

    public String from() {
        return present(from);
    }

    public String to() {
        return present(to);
    }

    public String range() {
        return present(range);
    }

    /** The ids of the channels asked for; null for all. A handle that is not tracked is a 400. */
    public List<Long> channelIds() {
        if (!looked) {
            channelIds = ChannelFilter.ids(channel);
            looked = true;
        }
        return channelIds;
    }

    /** The instants asked for, either end null when open. */
    public TimeRange timeRange(ZoneId zone) {
        return TimeRange.parse(from(), to(), range(), zone, Clock.systemUTC());
    }

    /** The local days asked for, the last 30 when no period is named; {@code all} starts at the channels' first post. */
    public Period period(ZoneId zone, SeriesQuery series) {
        if (period == null) {
            period = Period.resolve(from(), to(), range(), channelIds(), zone, series);
        }
        return period;
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
