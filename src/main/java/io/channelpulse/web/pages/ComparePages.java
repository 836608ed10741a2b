package io.channelpulse.web.pages;

import io.channelpulse.analytics.Bucket;
import io.channelpulse.analytics.DataVersions;
import io.channelpulse.analytics.KeptAnswers;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.Period;
import io.channelpulse.analytics.Point;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.web.Filters;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Topics and names side by side on one chart, as counts or as shares of all posts. */
@Path("/compare")
@Produces(MediaType.TEXT_HTML)
public class ComparePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance compare(ComparePage page);
    }

    public record ComparePage(Frame frame, List<String> keys, boolean share, ChartData compareChart, List<String> problems) {
    }

    /** The most terms the compare page charts at once: more lines than this are no longer readable. */
    static final int MAX_COMPARED = 10;

    @Inject
    Frames frames;

    @Inject
    KeptAnswers kept;

    @Inject
    SeriesQuery series;

    @Inject
    PageData data;

    @GET
    public TemplateInstance compare(@QueryParam("k") List<String> keys, @QueryParam("share") String share,
                                    @BeanParam Filters asked, @QueryParam("bucket") String bucket) {
        DataVersions.Versions now = kept.versions();
        Frame frame = frames.frame(now, "/compare", asked, bucket);
        List<Long> ids = asked.channelIds();
        Period period = frame.period();
        Bucket buckets = frame.chartBucket();
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
}
