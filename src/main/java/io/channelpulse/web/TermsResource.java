package io.channelpulse.web;

import io.channelpulse.analytics.Period;
import io.channelpulse.api.Limits;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.ApiDocument;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.terms.Term;
import io.channelpulse.terms.TermEntry;
import io.channelpulse.terms.TermQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Terms of the posts' text nobody has to know in advance: the most frequent and the fastest rising. */
@Path("/api/terms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Terms", description = "Words and name candidates of the posts' text, counted once per post")
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class TermsResource {

    @Inject
    TermQuery terms;

    @Inject
    SeriesQuery series;

    @Inject
    AnalyticsConfig analytics;

    @GET
    @Operation(summary = "The most frequent or fastest rising words and name candidates",
            description = "A word's key is its Snowball stem (Russian for Cyrillic, English for Latin), a name "
                    + "candidate's (a run of 1-3 capitalised words, not a lone word at a sentence start) the stems of "
                    + "its words; label: the form written most often. count: posts in the period naming it; previous: "
                    + "in the period of the same length before it; score: log-likelihood G² of the change in its "
                    + "share of posts, + for a rise, - for a fall, so 200 → 400 ranks far above 1 → 3. Terms need "
                    + "pulse.terms.min-posts posts in the period; sort=rising lists only those whose share grew. "
                    + "watched: a watched name's alias matches the label")
    @APIResponse(responseCode = "200", description = "The terms, best first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TermEntry.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public List<TermEntry> list(@BeanParam Filters filters,
                                @Parameter(description = "Entries, 1 to 100",
                                        schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
                                @QueryParam("limit") String limit,
                                @Parameter(description = "Words, name candidates or both",
                                        schema = @Schema(enumeration = {"word", "name", "all"}, defaultValue = "all"))
                                @QueryParam("kind") String kind,
                                @Parameter(description = "By count, or by rising score",
                                        schema = @Schema(enumeration = {"count", "rising"}, defaultValue = "count"))
                                @QueryParam("sort") String sort) {
        TermQuery.Order order = switch (sort == null || sort.isBlank() ? "count" : sort) {
            case "count" -> TermQuery.Order.COUNT;
            case "rising" -> TermQuery.Order.RISING;
            default -> throw new BadParameterException("sort", "'" + sort + "' is not count or rising");
        };
        List<Long> channelIds = filters.channelIds();
        Period days = filters.period(analytics.timezone(), series);
        return terms.terms(kind(kind), channelIds, days.first(), days.last(), days.previousFirst(), order,
                Limits.parse(limit, 20, 100));
    }

    /** The kind asked for, null for both. */
    static String kind(String kind) {
        return switch (kind == null || kind.isBlank() ? "all" : kind) {
            case "all" -> null;
            case Term.WORD -> Term.WORD;
            case Term.NAME -> Term.NAME;
            default -> throw new BadParameterException("kind", "'" + kind + "' is not word, name or all");
        };
    }
}
