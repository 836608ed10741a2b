package io.channelpulse.digest;

import io.channelpulse.web.BadParameterException;
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
public class SubscriptionResource {

    /** The body of POST /api/subscriptions. */
    public record Subscribe(String email, List<String> channels) {
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
    public Response subscribe(Subscribe body) {
        if (body == null) {
            throw new BadParameterException("email", "is required, e.g. {\"email\": \"you@example.org\", \"channels\": [\"EmbUSA\"]}");
        }
        Subscribers.Saved saved = subscribers.subscribe(body.email(), body.channels());
        if (saved.created()) {
            return Response.created(URI.create("/api/subscriptions/" + saved.subscriber().id()))
                    .entity(saved.subscriber()).build();
        }
        return Response.ok(saved.subscriber()).build();
    }

    @GET
    @Path("/subscriptions")
    public List<Subscriber> list() {
        return subscribers.list();
    }

    @DELETE
    @Path("/subscriptions/{id}")
    public Response delete(@PathParam("id") String id) {
        long parsed = id("id", id);
        if (!subscribers.delete(parsed)) {
            throw new NotFoundException("No subscriber " + parsed);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/digest/run")
    public DigestSender.Result run(@QueryParam("date") String date) {
        return sender.send(date(date), Instant.now(), true);
    }

    @GET
    @Path("/digest/deliveries")
    public List<Delivery> deliveries() {
        return deliveries.needingAttention();
    }

    @POST
    @Path("/digest/resend")
    public Response resend(@QueryParam("subscriber") String subscriber, @QueryParam("date") String date) {
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
