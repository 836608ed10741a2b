package io.channelpulse.web.pages;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.Bucket;
import io.channelpulse.analytics.DataVersions;
import io.channelpulse.analytics.KeptAnswers;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.Point;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.analytics.TopEntry;
import io.channelpulse.analytics.TopQuery;
import io.channelpulse.analytics.Watchlist;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.network.ChannelCitations;
import io.channelpulse.network.ChannelNetwork;
import io.channelpulse.store.Channel;
import io.channelpulse.store.PostQuery;
import io.channelpulse.store.PostStories;
import io.channelpulse.store.PostStory;
import io.channelpulse.store.PostView;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.web.Filters;
import io.channelpulse.analytics.Period;
import io.channelpulse.web.PostAddress;
import io.channelpulse.web.PostCursor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.channelpulse.spikes.Spike;
import io.channelpulse.spikes.SpikeFinder;

/** The dashboard's pages, rendered on the server; charts get their data as JSON in the page. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Overview page);

        static native TemplateInstance overviewPanels(OverviewPanels page);

        static native TemplateInstance term(TermPage page);

        static native TemplateInstance termPanels(TermPanels page);

        static native TemplateInstance channel(ChannelPage page);

        static native TemplateInstance channelPanels(ChannelPanels page);

        static native TemplateInstance compare(ComparePage page);

        static native TemplateInstance search(SearchPage page);

        static native TemplateInstance post(PostPage page);
    }

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

    public record Row(PostView post, List<Highlight.Piece> pieces) {
    }

    /** A topic's or name's page: its counted panels rendered ({@code panels}), then its posts. */
    public record TermPage(Frame frame, String metric, String key, String label, String panels, List<Row> posts,
                           String next) {
    }

    /** A topic's or name's panels that come from the counts. */
    public record TermPanels(Frame frame, long total, ChartData seriesChart, ChartData splitChart,
                             List<TopEntry> coTopics, List<TopEntry> coMentions, String seriesQuery) {
    }

    /** A channel's page: its counted panels rendered ({@code panels}) between what is read at each request. */
    public record ChannelPage(Frame frame, Channel channel, ChartData subscribersChart, String panels,
                              List<PostView> latest, List<ChangedPost> deleted, List<ChangedPost> edited,
                              ChannelCitations citations) {

        /** Another channel's page when it is tracked, else its preview on t.me. */
        public String link(String handle) {
            return frame.channels().stream().anyMatch(c -> c.handle.equalsIgnoreCase(handle))
                    ? "/channels/" + handle + "?" + frame.filters().queryWithout("channel")
                    : "https://t.me/s/" + handle;
        }
    }

    /** A channel's panels that come from its posts and counts. */
    public record ChannelPanels(Frame frame, ChartData activityChart, List<List<Long>> heatmap, long heatmapMax,
                                List<TopEntry> topics, List<TopEntry> mentions, List<TopEntry> forwards) {
    }

    /** A post in the "Recently deleted" or "Recently edited" list; {@code at} is when we noticed. */
    public record ChangedPost(String channel, long id, String text, Instant at) {
    }

    public record ComparePage(Frame frame, List<String> keys, boolean share, ChartData compareChart, List<String> problems) {
    }

    public record SearchPage(Frame frame, String q, List<Row> results, String next, String compareLink) {

        /** {@code q=…} for links, URL-encoded. */
        public String qParam() {
            return q == null ? "" : "q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Inject
    PostStories stories;

    @Inject
    SeriesQuery series;

    @Inject
    TopQuery top;

    @Inject
    PostQuery posts;

    @Inject
    Watchlist watchlist;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    PageData data;

    @Inject
    ChannelNetwork network;

    @Inject
    SpikeFinder spikes;

    @Inject
    KeptAnswers kept;

    /** The most terms the compare page charts at once: more lines than this are no longer readable. */
    static final int MAX_COMPARED = 10;

    /** The overview's Spikes panel shows the strongest ones; /api/spikes has them all. */
    static final int SPIKES_SHOWN = 10;

    @Context
    UriInfo uri;

    @GET
    public TemplateInstance overview(@BeanParam Filters asked, @QueryParam("bucket") String bucket) {
        DataVersions.Versions now = kept.versions();
        Frame frame = frame(now, "/", asked, bucket);
        List<Long> ids = asked.channelIds();
        Period period = frame.period();
        String panels = kept.get(now, new RenderedPanels("overview", null, frame.filters(), period),
                () -> Templates.overviewPanels(overviewPanels(frame, ids)).render());
        return Templates.overview(new Overview(frame, panels,
                posts.newestFirst(filter(frame, ids, null, null, null), null, 10).items(),
                uri.getBaseUri().toString().replaceFirst("/$", "")));
    }

    /**
     * What a page's rendered panels depend on besides the data and the watchlist: the page, its key, the filters as
     * given (links repeat them) and the period they resolve to (a range ends today). Post lists are not kept: an
     * edit of a post's text or its views change no counts.
     */
    private record RenderedPanels(String page, String key, PageFilters filters, Period period) {
    }

    private OverviewPanels overviewPanels(Frame frame, List<Long> ids) {
        Period period = frame.period();
        Bucket buckets = bucket(frame.filters(), period);
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
        List<String> keys = java.util.stream.Stream.concat(lists.top().stream(), lists.rising().stream())
                .map(TopEntry::key).distinct().toList();
        Map<String, List<Point>> lines = series.dailyForKeys(metric, keys, ids, period.first(), period.last(), bucket);
        return new SparkLists(sparks(lists.top(), lines), sparks(lists.rising(), lines));
    }

    private static List<SparkEntry> sparks(List<TopEntry> entries, Map<String, List<Point>> lines) {
        return entries.stream().map(e -> new SparkEntry(e.key(), e.label(), e.count(), e.previous(), e.score(),
                Sparkline.points(lines.getOrDefault(e.key(), List.of())))).toList();
    }

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
        Frame frame = frame(now, base + key, asked, bucket);
        List<Long> ids = asked.channelIds();
        TermAnswer answer = kept.get(now, new RenderedPanels(metric.value(), key, frame.filters(), frame.period()),
                () -> termAnswer(metric, key, frame, ids));
        PostQuery.Page page = posts.newestFirst(filter(frame, ids, null, metric == Metric.TOPIC ? key : null,
                metric == Metric.MENTION ? key : null), PostCursor.decode(cursor), 20);
        return Templates.term(new TermPage(frame, metric.value(), key, answer.label(), answer.panels(),
                rows(page.items(), answer.marked()), page.next() == null ? null : PostCursor.encode(page.next())));
    }

    /** A topic's or name's label, the words its posts are marked by (a name's aliases too) and its rendered panels. */
    private record TermAnswer(String label, List<String> marked, String panels) {
    }

    private TermAnswer termAnswer(Metric metric, String key, Frame frame, List<Long> ids) {
        Period period = frame.period();
        Bucket buckets = bucket(frame.filters(), period);
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

    @GET
    @Path("channels/{handle}")
    public TemplateInstance channel(@PathParam("handle") String handle, @QueryParam("range") String range,
                                    @QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("bucket") String bucket) {
        ChannelHandle parsed = ChannelHandle.parse(handle).orElseThrow(() ->
                new BadParameterException("handle", "'" + handle + "' is not a channel handle"));
        Channel channel = QuarkusTransaction.requiringNew().call(() -> Channel.findByHandle(parsed.value()))
                .orElseThrow(() -> new NotFoundException("Channel '" + handle + "' is not tracked"));
        DataVersions.Versions now = kept.versions();
        Frame frame = frame(now, "/channels/" + channel.handle, Filters.ofChannel(channel, from, to, range), bucket);
        Period period = frame.period();
        List<Long> ids = List.of(channel.id);
        ZoneId zone = analytics.timezone();
        String panels = kept.get(now, new RenderedPanels("channel", channel.handle, frame.filters(), period),
                () -> Templates.channelPanels(channelPanels(frame, channel.id, zone)).render());
        return Templates.channel(new ChannelPage(frame, channel, data.subscribers(channel.id, period, zone), panels,
                posts.newestFirst(filter(frame, ids, null, null, null), null, 10).items(),
                data.recentlyDeleted(channel.id, 10), data.recentlyEdited(channel.id, 10), network.of(channel.id, period)));
    }

    /** Subscribers are read at each request instead: a poll that finds the same number adds a point but changes no counts. */
    private ChannelPanels channelPanels(Frame frame, long channelId, ZoneId zone) {
        Period period = frame.period();
        List<Long> ids = List.of(channelId);
        List<List<Long>> heatmap = data.heatmap(channelId, period, zone);
        return new ChannelPanels(frame, data.viewsPerPost(channelId, period, zone), heatmap,
                heatmap.stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElse(0),
                top.top(Metric.TOPIC, ids, period.first(), period.last(), period.previousFirst(), TopQuery.Order.COUNT, 10),
                top.top(Metric.MENTION, ids, period.first(), period.last(), period.previousFirst(), TopQuery.Order.COUNT, 10),
                top.top(Metric.FORWARD, ids, period.first(), period.last(), period.previousFirst(), TopQuery.Order.COUNT, 10));
    }

    @GET
    @Path("compare")
    public TemplateInstance compare(@QueryParam("k") List<String> keys, @QueryParam("share") String share,
                                    @BeanParam Filters asked, @QueryParam("bucket") String bucket) {
        DataVersions.Versions now = kept.versions();
        Frame frame = frame(now, "/compare", asked, bucket);
        List<Long> ids = asked.channelIds();
        Period period = frame.period();
        Bucket buckets = bucket(frame.filters(), period);
        boolean asShare = "true".equals(share);
        List<String> problems = new ArrayList<>();
        List<String> given = keys == null ? List.of() : keys.stream().filter(k -> k != null && !k.isBlank()).toList();
        if (given.size() > MAX_COMPARED) {
            throw new BadParameterException("k", "compare at most " + MAX_COMPARED + " topics or names at once ("
                    + given.size() + " given)");
        }
        List<PageData.Term> terms = data.terms(given);
        Map<SeriesQuery.Keyed, List<Point>> counted = series.dailyForTerms(
                terms.stream().map(PageData.Term::keyed).distinct().toList(), ids, period.first(), period.last(), buckets);
        List<Point> all = asShare ? series.daily(Metric.POSTS, null, ids, period.first(), period.last(), buckets) : null;
        Map<String, List<Point>> lines = new LinkedHashMap<>();
        for (PageData.Term term : terms) {
            List<Point> points = counted.get(term.keyed());
            lines.put(term.display(), asShare ? PageData.share(points, all) : points);
        }
        if (given.isEmpty()) {
            problems.add("Add topics or names to compare, e.g. k=topic:osce&k=mention:nato");
        }
        return Templates.compare(new ComparePage(frame, given, asShare, ChartData.of("line", false, lines), problems));
    }

    @GET
    @Path("search")
    public TemplateInstance search(@QueryParam("q") String q, @BeanParam Filters given,
                                   @QueryParam("cursor") String cursor) {
        DataVersions.Versions now = kept.versions();
        Filters asked = given.orRange("all");
        Frame frame = frame(now, "/search", asked, null);
        String text = q == null || q.isBlank() ? null : q.strip();
        List<Row> rows = List.of();
        String next = null;
        String compare = null;
        if (text != null) {
            List<Long> ids = asked.channelIds();
            int offset = PostCursor.decodeOffset(cursor);
            PostQuery.Page page = posts.mostRelevant(filter(frame, ids, text, null, null), offset, 20);
            List<String> words = List.of(text.replaceAll("[\"()\\-]", " ").trim().split("\\s+"));
            rows = rows(page.items(), words);
            next = page.nextOffset() == null ? null : PostCursor.encodeOffset(page.nextOffset());
            compare = "/compare?" + String.join("&", words.stream().filter(w -> w.length() > 1 && !w.equalsIgnoreCase("or"))
                    .map(w -> "k=" + java.net.URLEncoder.encode(w, java.nio.charset.StandardCharsets.UTF_8)).toList());
        }
        return Templates.search(new SearchPage(frame, text, rows, next, compare));
    }

    @GET
    @Path("posts/{handle}/{id}")
    public TemplateInstance post(@PathParam("handle") String handle, @PathParam("id") String id) {
        PostAddress address = PostAddress.parse(handle, id);
        PostStory story = stories.story(address.handle(), address.id()).orElseThrow(() ->
                new NotFoundException("No post " + address.handle() + "/" + address.id() + " is stored"));
        DataVersions.Versions now = kept.versions();
        Frame frame = frame(now, "/posts/" + story.post().channel() + "/" + story.post().id(),
                Filters.of(List.of(), null, null, null), null);
        return Templates.post(PostPage.of(frame, story));
    }

    /** The page's frame; the channel list is kept by data version (it changes with channels and their first posts). */
    private Frame frame(DataVersions.Versions now, String path, Filters asked, String bucket) {
        PageFilters filters = PageFilters.of(asked, bucket);
        bucket(filters);
        return new Frame(path, filters, asked.period(analytics.timezone(), series), kept.get(now, ChannelList.ALL,
                data::channels), analytics.timezone());
    }

    /** The question of the frame's channel list. */
    private enum ChannelList { ALL }

    private static Bucket bucket(PageFilters filters) {
        return bucket(filters, null);
    }

    /**
     * The bucket asked for; without one, days up to three months, weeks up to two years, then months, so that
     * a long period stays a readable chart (and a light page).
     */
    private static Bucket bucket(PageFilters filters, Period period) {
        String value = filters.bucket();
        if (value == null && period != null) {
            return period.days() <= 92 ? Bucket.DAY : period.days() <= 731 ? Bucket.WEEK : Bucket.MONTH;
        }
        Bucket bucket = value == null ? Bucket.DAY : Bucket.of(value).orElseThrow(() ->
                new BadParameterException("bucket", "'" + value + "' is not one of hour, day, week, month"));
        // Pages chart days and longer; an hour view is the series API's.
        return bucket == Bucket.HOUR ? Bucket.DAY : bucket;
    }

    private PostQuery.Filter filter(Frame frame, List<Long> ids, String text, String topic, String mention) {
        ZoneId zone = analytics.timezone();
        Period period = frame.period();
        return new PostQuery.Filter(ids,
                period.all() ? null : period.first().atStartOfDay(zone).toInstant(),
                period.last().plusDays(1).atStartOfDay(zone).toInstant(), text, topic, mention);
    }

    private static List<Row> rows(List<PostView> views, List<String> terms) {
        return views.stream().map(view -> new Row(view, Highlight.pieces(view.text(), terms))).toList();
    }
}
