package io.channelpulse.digest;

import io.channelpulse.api.BadParameterException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.channelpulse.api.ApiDocument;
import io.channelpulse.api.ApiError;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Digest subscribers and a send on demand; admin only. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Digest", description = "Digest subscribers, sends on demand and deliveries that need attention; admin only")
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class SubscriptionResource {

    /**
     * The body of POST /api/subscriptions.
     *
     * @param alerts true: also a short mail per spike, at most one per key and day; null keeps what it was (new: off)
     */
    public record Subscribe(String email, List<String> channels, Boolean alerts) {
    }

    @Inject
    Subscribers subscribers;

    @Inject
    DigestSender sender;

    @Inject
    Deliveries deliveries;

    /** The answer of POST /api/digest/resend. */
    public record Resend(long subscriber, LocalDate date, String outcome) {
    }

    @POST
    @Path("/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe an e-mail address to the daily digest",
            description = "channels limits the digest (and the spike alerts) to those channels; null or "
                    + "empty: all channels. alerts: true adds a short mail per spike, at most one per key and day")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Subscriber.class)))
    @APIResponse(responseCode = "200", description = "Already subscribed; the channels are updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Subscriber.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public Response subscribe(Subscribe body) {
        if (body == null) {
            throw new BadParameterException("email", "is required, e.g. {\"email\": \"you@example.org\", \"channels\": [\"EmbUSA\"]}");
        }
        Subscribers.Saved saved = subscribers.subscribe(body.email(), body.channels(), body.alerts());
        if (saved.created()) {
            return Response.created(URI.create("/api/subscriptions/" + saved.subscriber().id()))
                    .entity(saved.subscriber()).build();
        }
        return Response.ok(saved.subscriber()).build();
    }

    @GET
    @Path("/subscriptions")
    @Operation(summary = "Every subscriber")
    public List<Subscriber> list() {
        return subscribers.list();
    }

    @DELETE
    @Path("/subscriptions/{id}")
    @Operation(summary = "Remove a subscriber")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public Response delete(@Parameter(description = "The subscriber's id") @PathParam("id") String id) {
        long parsed = id("id", id);
        if (!subscribers.delete(parsed)) {
            throw new NotFoundException("No subscriber " + parsed);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/digest/run")
    @Operation(summary = "Send the digest of a day now", description = "To every active subscriber who has not had "
            + "it; failed sends of that day are tried again at once")
    @APIResponse(responseCode = "200", description = "How many were sent, failed and skipped",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DigestSender.Result.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public DigestSender.Result run(@Parameter(description = "The day, YYYY-MM-DD", required = true)
                                   @QueryParam("date") String date) {
        return sender.send(date(date), Instant.now(), true);
    }

    @GET
    @Path("/digest/deliveries")
    @Operation(summary = "Digests that failed or were interrupted mid-send")
    public List<Delivery> deliveries() {
        return deliveries.needingAttention();
    }

    @POST
    @Path("/digest/resend")
    @Operation(summary = "Send a failed or interrupted digest again", description = "Also after the scheduled "
            + "retries gave up; a sent digest or one being sent is left alone")
    @APIResponse(responseCode = "200", description = "Sent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Resend.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "409", description = "Nothing to send again: it was sent, is being sent, or was never tried",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "502", description = "The SMTP server refused it again; the error is in /api/digest/deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response resend(@Parameter(description = "The subscriber's id", required = true)
                           @QueryParam("subscriber") String subscriber,
                           @Parameter(description = "The day, YYYY-MM-DD", required = true)
                           @QueryParam("date") String date) {
        long id = id("subscriber", subscriber);
        LocalDate day = date(date);
        return switch (sender.resend(id, day, Instant.now())) {
            case SENT -> Response.ok(new Resend(id, day, "sent")).build();
            case FAILED -> throw new WebApplicationException("The digest of " + day + " to subscriber " + id
                    + " failed again; see /api/digest/deliveries for the SMTP error", Response.Status.BAD_GATEWAY);
            case NOTHING_TO_RESEND -> throw new WebApplicationException("Subscriber " + id + " has no failed or "
                    + "interrupted digest of " + day + " (it was sent, is being sent, or never tried)",
                    Response.Status.CONFLICT);
        };
    }

    static long id(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadParameterException(name, "is required, as a subscriber id like 3");
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "'" + value + "' is not a subscriber id");
        }
    }

    static LocalDate date(String date) {
        if (date == null || date.isBlank()) {
            throw new BadParameterException("date", "is required, as YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException("date", "'" + date + "' is not a date like 2023-05-17");
        }
    }
}
