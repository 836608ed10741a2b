package io.channelpulse.web;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.ApiDocument;
import io.channelpulse.imports.ImportStatus;
import io.channelpulse.imports.Imports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.ZoneId;

/** Imports of Telegram Desktop exports into a channel's history. Admin only. */
@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "A channel's history from a Telegram Desktop export (result.json): admin only")
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class ImportResource {

    /** The answer to an accepted import. */
    public record Accepted(long id, String state) {
    }

    @Inject
    Imports imports;

    @POST
    @RolesAllowed("admin")
    @Consumes({MediaType.APPLICATION_JSON, "application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Import an export", description = "The body is Telegram Desktop's result.json (\"Export chat "
            + "history\" of the channel, or the \"all data\" export) or a ZIP of the export folder. The file is checked "
            + "whole first: one that is not JSON, not an export, a group's or cut short is a 400 naming the reason and "
            + "the line and column, and nothing is stored. Then the messages are stored in the background like polled "
            + "posts, keyed by (channel, id): importing a file twice stores nothing twice. A channel that is not "
            + "tracked is created paused with source import. Follow it with GET /api/imports/{id}")
    @RequestBody(description = "result.json, or a ZIP holding it", required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "202", description = "Checked and queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    public Response start(@Parameter(description = "The channel's handle (EmbUSA or @EmbUSA)", required = true)
                          @QueryParam("channel") String channel,
                          @Parameter(description = "Zone of the export's local times (its machine's zone), used only "
                                  + "for messages without date_unixtime (older exports); default pulse.timezone")
                          @QueryParam("timezone") String timezone,
                          InputStream body) {
        if (channel == null || channel.isBlank()) {
            throw new BadParameterException("channel", "is required: the handle of the channel the export is of");
        }
        ZoneId zone = zone(timezone, imports.defaultZone());
        java.nio.file.Path file = save(body);
        try {
            Imports.Prepared prepared = imports.prepare(file, null, channel, zone);
            imports.start(prepared, () -> deleteQuietly(file));
            return Response.accepted(new Accepted(prepared.id(), "queued"))
                    .location(URI.create("/api/imports/" + prepared.id())).build();
        } catch (Imports.Refused e) {
            deleteQuietly(file);
            throw new BadParameterException("file", e.problem().describe());
        } catch (IllegalArgumentException e) {
            deleteQuietly(file);
            throw new BadParameterException("channel", e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "How far an import got", description = "state is queued, running, done or failed; read, "
            + "stored and skipped count messages; errors name the line, column and message of each problem")
    @APIResponse(responseCode = "200", description = "The import",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportStatus.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ImportStatus get(@Parameter(description = "The id POST /api/imports answered") @PathParam("id") String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadParameterException("id", "'" + id + "' is not an import id");
        }
        return imports.status(number).orElseThrow(() -> new jakarta.ws.rs.WebApplicationException(
                ApiExceptionMappers.error(Response.Status.NOT_FOUND, "No import " + id)));
    }

    /** The zone parameter, or {@code otherwise} when it is not given. */
    public static ZoneId zone(String timezone, ZoneId otherwise) {
        if (timezone == null || timezone.isBlank()) {
            return otherwise;
        }
        try {
            return ZoneId.of(timezone.strip());
        } catch (DateTimeException e) {
            throw new BadParameterException("timezone", "'" + timezone + "' is not a time zone like Europe/Moscow or UTC");
        }
    }

    private static java.nio.file.Path save(InputStream body) {
        if (body == null) {
            throw new BadParameterException("file", "the body is empty: send result.json or a ZIP of the export");
        }
        try {
            java.nio.file.Path file = Files.createTempFile("pulse-import-", ".upload");
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the uploaded export", e);
        }
    }

    static void deleteQuietly(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the system's cleaning removes it later
        }
    }
}
