package io.channelpulse.web;

import io.channelpulse.analytics.Period;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.ApiDocument;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.spikes.Spike;
import io.channelpulse.spikes.SpikeFinder;
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

import java.time.ZoneId;
import java.util.List;

/** Buckets far above what a key's recent history predicts. */
@Path("/api/spikes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Spikes", description = "Topics, watched names, name candidates and forward sources counted far more "
        + "often than their previous 28 days predict")
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class SpikeResource {

    @Inject
    SpikeFinder finder;

    @Inject
    SeriesQuery series;

    @Inject
    AnalyticsConfig analytics;

    @GET
    @Operation(summary = "The spikes of a period", description = "A bucket is a spike when it has at least "
            + "pulse.spikes.min-count posts and its score, -log10 of the chance of that many posts or more under a "
            + "negative binomial with the mean and spread of the key's previous 28 days (Poisson when steady), is at "
            + "least pulse.spikes.min-score. expected: the posts the baseline predicts for the bucket; t: the "
            + "bucket's start; posts: up to five t.me links of its most viewed posts. Highest score first; without "
            + "from, to and range the last 30 days")
    @APIResponse(responseCode = "200", description = "The spikes", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Spike.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public List<Spike> spikes(@BeanParam Filters filters,
                              @Parameter(description = "Bucket size in pulse.timezone; hours for periods of up to 92 days",
                                      schema = @Schema(enumeration = {"day", "hour"}, defaultValue = "day"))
                              @QueryParam("bucket") String bucket) {
        String buckets = bucket == null || bucket.isBlank() ? SpikeFinder.DAY : bucket;
        if (!buckets.equals(SpikeFinder.DAY) && !buckets.equals(SpikeFinder.HOUR)) {
            throw new BadParameterException("bucket", "'" + bucket + "' is not one of day, hour");
        }
        List<Long> channelIds = filters.channelIds();
        ZoneId zone = analytics.timezone();
        Period days = filters.period(zone, series);
        if (buckets.equals(SpikeFinder.HOUR) && days.days() > AnalyticsResource.MAX_HOURS / 24) {
            throw new BadParameterException("bucket", "hour buckets are for periods of up to 92 days; use day");
        }
        return finder.find(days.first().atStartOfDay(zone).toInstant(),
                days.last().plusDays(1).atStartOfDay(zone).toInstant(), channelIds, buckets);
    }
}
