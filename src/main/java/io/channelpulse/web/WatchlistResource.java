package io.channelpulse.web;

import io.channelpulse.analytics.MentionRecount;
import io.channelpulse.analytics.WatchedEntity;
import io.channelpulse.analytics.Watchlist;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Objects;

/**
 * The watched names. Reading is open; a change (admin only) takes effect for new posts at once and
 * recounts history in the background, with progress at {@code /api/watchlist/recount}.
 */
@Path("/api/watchlist")
@Produces(MediaType.APPLICATION_JSON)
public class WatchlistResource {

    /** The body of PUT /api/watchlist/{key}. */
    public record EntityChange(String label, List<String> aliases) {
    }

    @Inject
    Watchlist watchlist;

    @Inject
    MentionRecount recount;

    @GET
    public List<WatchedEntity> list() {
        return watchlist.entities();
    }

    @GET
    @Path("/recount")
    public MentionRecount.Progress progress() {
        return recount.progress();
    }

    @GET
    @Path("/{key}")
    public WatchedEntity get(@PathParam("key") String key) {
        return watchlist.find(key).orElseThrow(() -> notWatched(key));
    }

    @PUT
    @Path("/{key}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("key") String key, EntityChange change) {
        if (!key.matches("[a-z0-9_]{1,40}")) {
            throw new BadParameterException("key", "'" + key + "' must be 1-40 lowercase ASCII letters, digits or underscores");
        }
        if (change == null || change.label() == null || change.label().isBlank()) {
            throw new BadParameterException("label", "is required, e.g. {\"label\": \"Sergey Lavrov\", \"aliases\": [\"Lavrov\", \"Лавров\"]}");
        }
        List<String> aliases = change.aliases() == null ? List.of() : change.aliases().stream()
                .filter(Objects::nonNull).map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
        if (aliases.isEmpty()) {
            throw new BadParameterException("aliases", "give at least one name to look for");
        }
        WatchedEntity entity = new WatchedEntity(key, change.label().strip(), aliases);
        boolean created = watchlist.save(entity);
        recount.start();
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(entity).build();
    }

    @DELETE
    @Path("/{key}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("key") String key) {
        if (!watchlist.delete(key)) {
            throw notWatched(key);
        }
        recount.start();
        return Response.noContent().build();
    }

    private static WebApplicationException notWatched(String key) {
        return new WebApplicationException(ApiExceptionMappers.error(Response.Status.NOT_FOUND,
                "'" + key + "' is not on the watchlist"));
    }
}
