package io.channelpulse.alerts;

import io.channelpulse.api.ApiDocument;
import io.channelpulse.api.BadParameterException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Spike alerts of a day on demand; admin only. */
@Path("/api/spikes/run")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Alerts")
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class SpikeRunResource {

    @Inject
    SpikeAlerts alerts;

    @POST
    @Operation(summary = "Find a day's spikes and send what has not been sent", description = "Day buckets in "
            + "pulse.timezone: each spike to every webhook that takes its metric, and a mail to each subscriber with "
            + "alerts on (at most one per key and day). A spike already sent is not sent again, so a second run of "
            + "the same day sends nothing. The scheduler does the same after every hour and every day")
    @APIResponse(responseCode = "200", description = "What the run found and sent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpikeAlerts.Run.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public SpikeAlerts.Run run(@Parameter(description = "The day, YYYY-MM-DD", required = true)
                               @QueryParam("date") String date) {
        if (date == null || date.isBlank()) {
            throw new BadParameterException("date", "is required, as YYYY-MM-DD");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException("date", "'" + date + "' is not a date like 2023-05-17");
        }
        return alerts.day(day, Instant.now());
    }
}
