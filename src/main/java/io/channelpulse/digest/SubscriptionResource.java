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
        long parsed;
        try {
            parsed = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadParameterException("id", "'" + id + "' is not a subscriber id");
        }
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
