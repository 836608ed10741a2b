package io.channelpulse.web;

import io.channelpulse.api.ApiDocument;
import io.channelpulse.analytics.MentionRecount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** How far the recount of history is: after a watchlist edit ("mentions") or a time-zone change ("time zone"). */
@Path("/api/recount")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Watchlist")
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class RecountResource {

    private final MentionRecount recount;

    RecountResource(MentionRecount recount) {
        this.recount = recount;
    }

    @GET
    @Operation(summary = "How far the recount of history is",
            description = "what is \"mentions\" after a watchlist change or \"time zone\" after pulse.timezone changed; "
                    + "state is idle, queued, running, done or failed: with the error. While it runs, counts are incomplete")
    public MentionRecount.Progress progress() {
        return recount.progress();
    }
}
