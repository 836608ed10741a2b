package io.channelpulse.web.pages;

import static io.channelpulse.web.pages.AdminForms.back;

import io.channelpulse.imports.Imports;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;

/** The admin form that uploads a Telegram Desktop export and starts its import. */
@Path("/admin/imports")
@Produces(MediaType.TEXT_HTML)
@CsrfChecked
public class AdminImportPages {

    @Inject
    Imports imports;

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importExport(@RestForm String channel, @RestForm String timezone, @RestForm("file") FileUpload file) {
        if (file == null || file.size() == 0) {
            return back("Choose the export's result.json (or a ZIP of the export folder) to import");
        }
        ZoneId zone;
        try {
            zone = timezone == null || timezone.isBlank() ? imports.defaultZone() : ZoneId.of(timezone.strip());
        } catch (java.time.DateTimeException e) {
            return back("'" + timezone + "' is not a time zone like Europe/Moscow or UTC");
        }
        java.nio.file.Path kept;
        try {
            // The upload is removed when the request ends; the import reads it afterwards.
            kept = Files.createTempFile("pulse-import-", ".upload");
            Files.move(file.uploadedFile(), kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the uploaded export", e);
        }
        try {
            Imports.Prepared prepared = imports.prepare(kept, file.fileName(), channel, zone);
            imports.start(prepared, () -> deleteQuietly(kept));
            return back("Importing " + file.fileName() + " into @" + prepared.handle()
                    + " (import " + prepared.id() + "); this page shows how far it got");
        } catch (Imports.Refused e) {
            deleteQuietly(kept);
            return back("Not imported: " + file.fileName() + ": " + e.problem().describe());
        } catch (IllegalArgumentException e) {
            deleteQuietly(kept);
            return back("Not imported: " + e.getMessage());
        }
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the system's cleaning removes it later
        }
    }
}
