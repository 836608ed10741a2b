package io.channelpulse.web.pages;

import static io.channelpulse.web.pages.AdminForms.back;

import io.channelpulse.analytics.MentionRecount;
import io.channelpulse.analytics.WatchedEntity;
import io.channelpulse.analytics.Watchlist;
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

import java.util.Arrays;
import java.util.List;

/** The admin forms that add, change and remove watched names; each change starts the recount of history. */
@Path("/admin/watchlist")
@Produces(MediaType.TEXT_HTML)
@CsrfChecked
public class AdminWatchlistPages {

    @Inject
    Watchlist watchlist;

    @Inject
    MentionRecount recount;

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveEntity(@RestForm String key, @RestForm String label, @RestForm String aliases) {
        String k = key == null ? "" : key.strip();
        if (!k.matches("[a-z0-9_]{1,40}")) {
            return back("The key must be 1-40 lowercase ASCII letters, digits or underscores, like lavrov");
        }
        List<String> names = aliases == null ? List.of() : Arrays.stream(aliases.split("[,\\n]"))
                .map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
        if (label == null || label.isBlank() || names.isEmpty()) {
            return back("Give a label and at least one name to look for");
        }
        boolean created = watchlist.save(new WatchedEntity(k, label.strip(), names));
        recount.start();
        return back((created ? "Added " : "Saved ") + label.strip() + "; history is being recounted");
    }

    @POST
    @Path("/{key}/delete")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteEntity(@PathParam("key") String key) {
        if (!watchlist.delete(key)) {
            return back("'" + key + "' is not on the watchlist");
        }
        recount.start();
        return back("Removed '" + key + "'; history is being recounted");
    }
}
