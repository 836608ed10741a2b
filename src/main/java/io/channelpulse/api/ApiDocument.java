package io.channelpulse.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The answers every part of the JSON API shares in {@code /q/openapi}, all with the body {@link ApiError}; the
 * resources name them by {@code ref}. An {@link Application} because that is where MicroProfile OpenAPI reads
 * {@link OpenAPIDefinition}; it adds no path and leaves every resource in. The security scheme (HTTP Basic) and its use on every admin-only operation come from Quarkus, set in application.properties.
 */
@OpenAPIDefinition(info = @Info(title = "Channel Pulse API", version = "0.1.0", description = "Tracked Telegram "
        + "channels, their posts, counts over time and top lists, the watchlist and the digest. Reads are open; changes "
        + "need HTTP Basic as admin. Errors have the body {\"error\": \"...\"}."), components = @Components(responses = {
        @APIResponse(name = ApiDocument.BAD_REQUEST, responseCode = "400",
                description = "A parameter or the body cannot be used; the message starts with its name",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(name = ApiDocument.UNAUTHORIZED, responseCode = "401",
                description = "A change without valid admin credentials (HTTP Basic as admin); nothing changed",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(name = ApiDocument.NOT_FOUND, responseCode = "404",
                description = "What the path names does not exist",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(name = ApiDocument.DATABASE_AWAY, responseCode = "503",
                description = "The database cannot be reached right now; try again shortly",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))}))
public class ApiDocument extends Application {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String NOT_FOUND = "NotFound";
    public static final String DATABASE_AWAY = "DatabaseAway";

    /** The repeatable channel filter, as every list, series and top list takes it. */
    public static final String CHANNEL = "A tracked channel's handle (EmbUSA, @EmbUSA or a t.me link); repeat it for "
            + "several channels. An untracked one is a 400. Without it: all channels";
    public static final String FROM = "First day (ISO date, a whole day in pulse.timezone) or an ISO date-time with "
            + "offset. Not with range";
    public static final String TO = "Last day, included (ISO date), or an ISO date-time with offset, excluded. "
            + "Must be after from";
    /** The post listing's and posts.csv's deletion filter. */
    public static final String DELETED = "true: only posts deleted from their channel (deletedSeenAt set); false: only "
            + "posts still there";
    public static final String EDITED = "true: only posts edited after publishing (their versions are on "
            + "/api/posts/{handle}/{id}); false: only unedited ones";
    public static final String RANGE = "7d, 30d, 90d, 1y (whole days in pulse.timezone, today included) or all. "
            + "Not with from/to";
}
