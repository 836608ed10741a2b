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
import io.channelpulse.analytics.Watchlist;
import io.channelpulse.store.PostQuery;
import io.channelpulse.web.Filters;
import io.channelpulse.web.PostCursor;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A topic's or a watched name's page: its series, split by channel, the terms beside it, then its posts. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class TopicAndNamePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance term(TermPage page);

        static native TemplateInstance termPanels(TermPanels page);
    }

    /** A topic's or name's page: its counted panels rendered ({@code panels}), then its posts. */
    public record TermPage(Frame frame, String metric, String key, String label, String panels, List<MarkedPost> posts,
                           String next) {
    }

    /** A topic's or name's panels that come from the counts. */
    public record TermPanels(Frame frame, long total, ChartData seriesChart, ChartData splitChart,
                             List<TopEntry> coTopics, List<TopEntry> coMentions, String seriesQuery) {
    }

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
    Watchlist watchlist;

    @Inject
    PageData data;

    @GET
    @Path("topics/{key}")
    public TemplateInstance topic(@PathParam("key") String key, @BeanParam Filters asked,
                                  @QueryParam("bucket") String bucket, @QueryParam("cursor") String cursor) {
        return term(Metric.TOPIC, key, "/topics/", asked, bucket, cursor);
    }

    @GET
    @Path("mentions/{key}")
    public TemplateInstance mention(@PathParam("key") String key, @BeanParam Filters asked,
                                    @QueryParam("bucket") String bucket, @QueryParam("cursor") String cursor) {
        return term(Metric.MENTION, key, "/mentions/", asked, bucket, cursor);
    }

    private TemplateInstance term(Metric metric, String rawKey, String base, Filters asked, String bucket,
                                  String cursor) {
        String key = Metric.normalizeKey(rawKey);
        DataVersions.Versions now = kept.versions();
        Frame frame = frames.frame(now, base + key, asked, bucket);
        List<Long> ids = asked.channelIds();
        TermAnswer answer = kept.get(now, new RenderedPanels(metric.value(), key, frame.filters(), frame.period()),
                () -> termAnswer(metric, key, frame, ids));
        PostQuery.Page page = posts.newestFirst(frame.posts(ids, null, metric == Metric.TOPIC ? key : null,
                metric == Metric.MENTION ? key : null), PostCursor.decode(cursor), 20);
        return Templates.term(new TermPage(frame, metric.value(), key, answer.label(), answer.panels(),
                MarkedPost.all(page.items(), answer.marked()), page.next() == null ? null : PostCursor.encode(page.next())));
    }

    /** A topic's or name's label, the words its posts are marked by (a name's aliases too) and its rendered panels. */
    private record TermAnswer(String label, List<String> marked, String panels) {
    }

    private TermAnswer termAnswer(Metric metric, String key, Frame frame, List<Long> ids) {
        Period period = frame.period();
        Bucket buckets = frame.chartBucket();
        List<Point> points = series.daily(metric, key, ids, period.first(), period.last(), buckets);
        Map<Long, String> handles = data.handles(frame.channels());
        Map<String, List<Point>> split = new LinkedHashMap<>();
        series.dailyByChannel(metric, key, ids, period.first(), period.last(), buckets)
                .forEach((id, channelPoints) -> split.put(handles.getOrDefault(id, "#" + id), channelPoints));
        if (split.isEmpty()) {
            split.put(key, points);
        }
        String label = top.labels(metric, List.of(key)).get(key);
        List<String> marked = new ArrayList<>(List.of(key, label));
        if (metric == Metric.MENTION) {
            watchlist.find(key).ifPresent(entity -> marked.addAll(entity.aliases()));
        }
        String keyColumn = metric == Metric.TOPIC ? "hashtags" : "mentions";
        TermPanels panels = new TermPanels(frame, points.stream().mapToLong(Point::count).sum(),
                ChartData.line(points, label), ChartData.of("bar", true, split),
                data.cooccurring("hashtags", keyColumn, key, ids, period, key),
                data.cooccurring("mentions", keyColumn, key, ids, period, key),
                "metric=" + metric.value() + "&key=" + key);
        return new TermAnswer(label, List.copyOf(marked), Templates.termPanels(panels).render());
    }
}
