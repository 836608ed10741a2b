package io.channelpulse.web.pages;

import io.channelpulse.analytics.Bucket;
import io.channelpulse.analytics.DataVersions;
import io.channelpulse.analytics.KeptAnswers;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.Period;
import io.channelpulse.analytics.Point;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.analytics.TopEntry;
import io.channelpulse.analytics.TopQuery;
import io.channelpulse.spikes.Spike;
import io.channelpulse.spikes.SpikeFinder;
import io.channelpulse.store.PostQuery;
import io.channelpulse.store.PostView;
import io.channelpulse.web.Filters;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The overview: totals, volume, top and rising topics and names, spikes, then the latest posts. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class OverviewPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Overview page);

        static native TemplateInstance overviewPanels(OverviewPanels page);
    }

    public record Totals(long posts, long views, long activeChannels) {
    }

    /** A line of a top list with its sparkline. */
    public record SparkEntry(String key, String label, long count, long previous, double score, String spark) {
    }

    /** The overview: its counted panels rendered ({@code panels}), then the latest posts. */
    public record Overview(Frame frame, String panels, List<PostView> latest, String apiBase) {
    }

    /** The overview's panels that come from the counts and the channel list. */
    public record OverviewPanels(Frame frame, Totals totals, ChartData volumeChart, List<SparkEntry> topTopics,
                                 List<SparkEntry> risingTopics, List<SparkEntry> topMentions,
                                 List<SparkEntry> risingMentions, List<Spike> spikes) {
    }

    /** The overview's Spikes panel shows the strongest ones; /api/spikes has them all. */
    static final int SPIKES_SHOWN = 10;

    @Inject
    Frames frames;

    @Inject
    KeptAnswers kept;

    @Inject
    SeriesQuery series;

    @Inject
    TopQuery top;

    @Inject
    PostQuery posts;

    @Inject
    PageData data;

    @Inject
    SpikeFinder spikes;

    @Context
    UriInfo uri;

    @GET
    public TemplateInstance overview(@BeanParam Filters asked, @QueryParam("bucket") String bucket) {
        DataVersions.Versions now = kept.versions();
        Frame frame = frames.frame(now, "/", asked, bucket);
        List<Long> ids = asked.channelIds();
        String panels = kept.get(now, new RenderedPanels("overview", null, frame.filters(), frame.period()),
                () -> Templates.overviewPanels(overviewPanels(frame, ids)).render());
        return Templates.overview(new Overview(frame, panels,
                posts.newestFirst(frame.posts(ids, null, null, null), null, 10).items(),
                uri.getBaseUri().toString().replaceFirst("/$", "")));
    }

    private OverviewPanels overviewPanels(Frame frame, List<Long> ids) {
        Period period = frame.period();
        Bucket buckets = frame.chartBucket();
        Map<String, List<Point>> byChannel = new LinkedHashMap<>();
        Map<Long, String> handles = data.handles(frame.channels());
        series.dailyByChannel(Metric.POSTS, null, ids, period.first(), period.last(), buckets)
                .forEach((id, points) -> byChannel.put(handles.getOrDefault(id, "#" + id), points));
        if (byChannel.isEmpty()) {
            byChannel.put("posts", series.daily(Metric.POSTS, null, ids, period.first(), period.last(), buckets));
        }
        TopQuery.TopAndRising topics = top.topAndRising(Metric.TOPIC, ids, period.first(), period.last(),
                period.previousFirst(), 10);
        TopQuery.TopAndRising mentions = top.topAndRising(Metric.MENTION, ids, period.first(), period.last(),
                period.previousFirst(), 10);
        SparkLists topicSparks = sparks(Metric.TOPIC, topics, ids, period, buckets);
        SparkLists mentionSparks = sparks(Metric.MENTION, mentions, ids, period, buckets);
        List<Spike> strongest = spikes.find(period.first().atStartOfDay(frame.zone()).toInstant(),
                period.last().plusDays(1).atStartOfDay(frame.zone()).toInstant(), ids, SpikeFinder.DAY, SPIKES_SHOWN);
        return new OverviewPanels(frame, data.totals(ids, period), ChartData.of("bar", true, byChannel),
                topicSparks.top(), topicSparks.rising(), mentionSparks.top(), mentionSparks.rising(), strongest);
    }

    private record SparkLists(List<SparkEntry> top, List<SparkEntry> rising) {
    }

    /** Both lists with their sparklines, whose series are read in one query for the keys of both. */
    private SparkLists sparks(Metric metric, TopQuery.TopAndRising lists, List<Long> ids, Period period, Bucket bucket) {
        List<String> keys = Stream.concat(lists.top().stream(), lists.rising().stream())
                .map(TopEntry::key).distinct().toList();
        Map<String, List<Point>> lines = series.dailyForKeys(metric, keys, ids, period.first(), period.last(), bucket);
        return new SparkLists(sparks(lists.top(), lines), sparks(lists.rising(), lines));
    }

    private static List<SparkEntry> sparks(List<TopEntry> entries, Map<String, List<Point>> lines) {
        return entries.stream().map(e -> new SparkEntry(e.key(), e.label(), e.count(), e.previous(), e.score(),
                Sparkline.points(lines.getOrDefault(e.key(), List.of())))).toList();
    }
}
