package io.channelpulse.web;

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
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** The tracked channels: list for everyone, changes for the admin. */
@Path("/api/channels")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelResource {

    /** The body of POST /api/channels. */
    public record AddChannel(String handle) {
    }

    @Inject
    ChannelRegistry registry;

    @GET
    public List<ChannelView> list() {
        return QuarkusTransaction.requiringNew().call(() -> Channel.listByHandle().stream().map(ChannelView::of).toList());
    }

    @GET
    @Path("/{handle}")
    public ChannelView get(@PathParam("handle") String handle) {
        return registry.find(pathHandle(handle)).map(ChannelView::of).orElseThrow(() -> notTracked(handle));
    }

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(AddChannel body) {
        if (body == null || body.handle() == null || body.handle().isBlank()) {
            throw new BadParameterException("handle", "is required, e.g. {\"handle\": \"EmbUSA\"}");
        }
        ChannelHandle handle = ChannelHandle.parse(body.handle()).orElseThrow(() -> new BadParameterException("handle",
                "'" + body.handle() + "' is not a public channel handle; use a username like EmbUSA, @EmbUSA "
                        + "or a link like https://t.me/s/EmbUSA (5-32 letters, digits or underscores)"));
        ChannelRegistry.Tracked tracked = registry.track(handle);
        ChannelView view = get(tracked.channel().handle);
        if (tracked.created()) {
            return Response.created(URI.create("/api/channels/" + view.handle())).entity(view).build();
        }
        return Response.ok(view).build();
    }

    @POST
    @Path("/{handle}/poll")
    @RolesAllowed("admin")
    public Response poll(@PathParam("handle") String handle) {
        Channel channel = registry.pollNow(pathHandle(handle)).orElseThrow(() -> notTracked(handle));
        return Response.accepted(ChannelView.of(channel)).build();
    }

    @DELETE
    @Path("/{handle}")
    @RolesAllowed("admin")
    public Response remove(@PathParam("handle") String handle, @QueryParam("purge") String purge) {
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
