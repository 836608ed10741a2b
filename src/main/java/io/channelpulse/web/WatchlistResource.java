package io.channelpulse.web;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.ApiDocument;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Objects;

/**
 * The watched names. Reading is open; a change (admin only) takes effect for new posts at once and
 * recounts history in the background, with progress at {@code /api/watchlist/recount}.
 */
@Path("/api/watchlist")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Watchlist", description = "The watched names: reads for everyone, changes for the admin")
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class WatchlistResource {

    /** The body of PUT /api/watchlist/{key}. */
    public record EntityChange(String label, List<String> aliases) {
    }

    private static final String KEY = "The watched name's key, e.g. lavrov";

    @Inject
    Watchlist watchlist;

    @Inject
    MentionRecount recount;

    @GET
    @Operation(summary = "Every watched name with its aliases")
    public List<WatchedEntity> list() {
        return watchlist.entities();
    }

    @GET
    @Path("/recount")
    @Operation(summary = "How far the recount of history after the last watchlist change is",
            description = "state is idle, queued, running, done or failed: with the error")
    public MentionRecount.Progress progress() {
        return recount.progress();
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "One watched name")
    @APIResponse(responseCode = "200", description = "The watched name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WatchedEntity.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public WatchedEntity get(@Parameter(description = KEY) @PathParam("key") String key) {
        return watchlist.find(key).orElseThrow(() -> notWatched(key));
    }

    @PUT
    @Path("/{key}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add or change a watched name", description = "New posts count it at once; the history is "
            + "recounted in the background (see /api/watchlist/recount)")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WatchedEntity.class)))
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WatchedEntity.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    public Response put(@Parameter(description = KEY + ": 1-40 lowercase ASCII letters, digits or underscores")
                        @PathParam("key") String key, EntityChange change) {
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
    @Operation(summary = "Stop watching a name", description = "The history is recounted in the background")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public Response delete(@Parameter(description = KEY) @PathParam("key") String key) {
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
