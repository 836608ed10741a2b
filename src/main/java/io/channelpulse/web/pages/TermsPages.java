package io.channelpulse.web.pages;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.Bucket;
import io.channelpulse.analytics.Point;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.store.PostQuery;
import io.channelpulse.terms.Term;
import io.channelpulse.terms.TermEntry;
import io.channelpulse.terms.TermQuery;
import io.channelpulse.terms.TermQuery.TermKey;
import io.channelpulse.web.Filters;
import io.channelpulse.analytics.Period;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * /terms: the top and rising words and name candidates of the period, each with its sparkline; the chart and the
 * posts of the term picked; for a name candidate, the way onto the watchlist with its forms as aliases.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class TermsPages {

    private static final int LIST = 15;
    private static final int POSTS = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance terms(TermsPage page);

    }

    /** A line of a terms list with its sparkline and the link that picks it. */
    public record TermLine(TermEntry entry, String spark, String pick, String watchLink) {
    }

    /** The term picked: its chart and the posts naming it. */
    public record Picked(TermEntry entry, List<String> forms, ChartData chart, List<MarkedPost> posts,
                         String watchLink) {
    }

    public record TermsPage(Frame frame, List<TermLine> risingNames, List<TermLine> topNames,
                            List<TermLine> risingWords, List<TermLine> topWords, Picked picked) {
    }

    @Inject
    TermQuery terms;

    @Inject
    SeriesQuery series;

    @Inject
    PostQuery posts;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    PageData data;

    @GET
    @Path("terms")
    public TemplateInstance terms(@BeanParam Filters asked, @QueryParam("bucket") String bucket,
                                  @QueryParam("kind") String kind, @QueryParam("key") String key) {
        PageFilters filters = PageFilters.of(asked, bucket);
        ZoneId zone = analytics.timezone();
        List<Long> ids = asked.channelIds();
        Period period = asked.period(zone, series);
        Frame frame = new Frame("/terms", filters, period, data.channels(), zone);
        Bucket buckets = period.days() <= 92 ? Bucket.DAY : period.days() <= 731 ? Bucket.WEEK : Bucket.MONTH;

        List<TermEntry> risingNames = list(Term.NAME, ids, period, TermQuery.Order.RISING);
        List<TermEntry> topNames = list(Term.NAME, ids, period, TermQuery.Order.COUNT);
        List<TermEntry> risingWords = list(Term.WORD, ids, period, TermQuery.Order.RISING);
        List<TermEntry> topWords = list(Term.WORD, ids, period, TermQuery.Order.COUNT);
        List<TermEntry> all = Stream.of(risingNames, topNames, risingWords, topWords).flatMap(List::stream).toList();
        TermKey chosen = chosen(kind, key, all);
        List<TermKey> charted = new ArrayList<>(all.stream().map(e -> new TermKey(e.kind(), e.key())).distinct().toList());
        if (chosen != null && !charted.contains(chosen)) {
            charted.add(chosen);
        }
        Map<TermKey, List<Point>> lines = terms.series(charted, ids, period.first(), period.last(), buckets);
        Picked picked = chosen == null ? null : picked(chosen, all, lines.get(chosen), frame, ids);
        return Templates.terms(new TermsPage(frame, lines(risingNames, lines, filters), lines(topNames, lines, filters),
                lines(risingWords, lines, filters), lines(topWords, lines, filters), picked));
    }

    private List<TermEntry> list(String kind, List<Long> ids, Period period, TermQuery.Order order) {
        return terms.terms(kind, ids, period.first(), period.last(), period.previousFirst(), order, LIST);
    }

    /** The term asked for, else the fastest rising name, else the fastest rising word. */
    private static TermKey chosen(String kind, String key, List<TermEntry> all) {
        if (key != null && !key.isBlank() && (Term.WORD.equals(kind) || Term.NAME.equals(kind))) {
            return new TermKey(kind, key);
        }
        return all.stream().findFirst().map(e -> new TermKey(e.kind(), e.key())).orElse(null);
    }

    private Picked picked(TermKey chosen, List<TermEntry> all, List<Point> points, Frame frame,
                          List<Long> ids) {
        List<String> forms = terms.forms(List.of(chosen)).getOrDefault(chosen, List.of());
        String label = forms.isEmpty() ? chosen.key() : forms.get(0);
        long count = points.stream().mapToLong(Point::count).sum();
        TermEntry entry = all.stream().filter(e -> e.kind().equals(chosen.kind()) && e.key().equals(chosen.key()))
                .findFirst().orElse(new TermEntry(chosen.key(), label, chosen.kind(), count, 0, 0, false));
        ZoneId zone = analytics.timezone();
        Period period = frame.period();
        PostQuery.Filter filter = new PostQuery.Filter(ids,
                period.all() ? null : period.first().atStartOfDay(zone).toInstant(),
                period.last().plusDays(1).atStartOfDay(zone).toInstant(), label, null, null);
        List<MarkedPost> rows = MarkedPost.all(posts.newestFirst(filter, null, POSTS).items(), forms);
        return new Picked(entry, forms, ChartData.line(points, label), rows, watchLink(entry));
    }

    private static List<TermLine> lines(List<TermEntry> entries, Map<TermKey, List<Point>> lines, PageFilters filters) {
        return entries.stream().map(e -> new TermLine(e,
                Sparkline.points(lines.getOrDefault(new TermKey(e.kind(), e.key()), List.of())),
                "/terms?" + filters.with("kind", e.kind()) + "&key=" + encode(e.key()), watchLink(e))).toList();
    }

    /** Only a name candidate nobody watches yet can be added. */
    private static String watchLink(TermEntry entry) {
        return entry.kind().equals(Term.NAME) && !entry.watched() ? WatchTermPage.PATH + "?key=" + encode(entry.key()) : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
