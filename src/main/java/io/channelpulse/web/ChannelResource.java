package io.channelpulse.web;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.ApiError;
import io.channelpulse.api.ApiDocument;
import io.channelpulse.ingest.ChannelRegistry;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.store.Channel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** The tracked channels: list for everyone, changes for the admin. */
@Path("/api/channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channels", description = "The tracked channels: reads for everyone, changes for the admin")
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class ChannelResource {

    /** The body of POST /api/channels. */
    public record AddChannel(String handle) {
    }

    private static final String HANDLE = "The channel's handle; case does not matter";

    @Inject
    ChannelRegistry registry;

    @GET
    @Operation(summary = "Every tracked channel", description = "Paused ones included, ordered by handle")
    public List<ChannelView> list() {
        return QuarkusTransaction.requiringNew().call(() -> Channel.listByHandle().stream().map(ChannelView::of).toList());
    }

    @GET
    @Path("/{handle}")
    @Operation(summary = "One tracked channel")
    @APIResponse(responseCode = "200", description = "The channel",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ChannelView get(@Parameter(description = HANDLE) @PathParam("handle") String handle) {
        return registry.find(pathHandle(handle)).map(ChannelView::of).orElseThrow(() -> notTracked(handle));
    }

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Track a channel", description = "The handle may be EmbUSA, @EmbUSA, t.me/EmbUSA or "
            + "https://t.me/s/EmbUSA. The first poll and the backfill start in the background")
    @APIResponse(responseCode = "201", description = "Tracked from now on",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "200", description = "Already tracked; a paused channel is resumed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "409", description = "The handle is one of the generated demo channels, which are never polled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response add(AddChannel body) {
        if (body == null || body.handle() == null || body.handle().isBlank()) {
            throw new BadParameterException("handle", "is required, e.g. {\"handle\": \"EmbUSA\"}");
        }
        ChannelHandle handle = ChannelHandle.parse(body.handle()).orElseThrow(() -> new BadParameterException("handle",
                "'" + body.handle() + "' is not a public channel handle; use a username like EmbUSA, @EmbUSA "
                        + "or a link like https://t.me/s/EmbUSA (5-32 letters, digits or underscores)"));
        ChannelRegistry.Tracked tracked = registry.track(handle);
        if (!tracked.created() && ChannelRegistry.isDemoData(tracked.channel())) {
            return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON).entity(new ApiError(
                    "handle: @" + tracked.channel().handle + " holds generated demo data and is never polled from "
                            + "t.me; remove it with DELETE /api/channels/" + tracked.channel().handle
                            + "?purge=true to track a real channel of that name")).build();
        }
        ChannelView view = get(tracked.channel().handle);
        if (tracked.created()) {
            return Response.created(URI.create("/api/channels/" + view.handle())).entity(view).build();
        }
        return Response.ok(view).build();
    }

    @POST
    @Path("/{handle}/poll")
    @RolesAllowed("admin")
    @Operation(summary = "Poll a channel now", description = "A paused channel is not polled")
    @APIResponse(responseCode = "202", description = "A poll is queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public Response poll(@Parameter(description = HANDLE) @PathParam("handle") String handle) {
        Channel channel = registry.pollNow(pathHandle(handle)).orElseThrow(() -> notTracked(handle));
        return Response.accepted(ChannelView.of(channel)).build();
    }

    @DELETE
    @Path("/{handle}")
    @RolesAllowed("admin")
    @Operation(summary = "Stop tracking a channel", description = "Polling stops (status paused) and the posts are "
            + "kept; with purge=true the channel and everything stored for it are deleted")
    @APIResponse(responseCode = "204", description = "Done")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public Response remove(@Parameter(description = HANDLE) @PathParam("handle") String handle,
                           @Parameter(description = "true deletes the channel and all its posts",
                                   schema = @Schema(type = SchemaType.STRING, enumeration = {"true", "false"}, defaultValue = "false"))
                           @QueryParam("purge") String purge) {
        boolean purgePosts = switch (purge == null ? "false" : purge) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new BadParameterException("purge", "'" + purge + "' is not true or false");
        };
        if (!registry.untrack(pathHandle(handle), purgePosts)) {
            throw notTracked(handle);
        }
        return Response.noContent().build();
    }

    private static ChannelHandle pathHandle(String handle) {
        return ChannelHandle.parse(handle).orElseThrow(() -> new BadParameterException("handle",
                "'" + handle + "' is not a public channel handle"));
    }

    private static jakarta.ws.rs.WebApplicationException notTracked(String handle) {
        return new jakarta.ws.rs.WebApplicationException(ApiExceptionMappers.error(Response.Status.NOT_FOUND,
                "Channel '" + handle + "' is not tracked"));
    }
}
