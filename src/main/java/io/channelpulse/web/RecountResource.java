package io.channelpulse.web;

import io.channelpulse.analytics.MentionRecount;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** How far the recount of history is: after a watchlist edit ("mentions") or a time-zone change ("time zone"). */
@Path("/api/recount")
@Produces(MediaType.APPLICATION_JSON)
public class RecountResource {

    private final MentionRecount recount;

    RecountResource(MentionRecount recount) {
        this.recount = recount;
    }

    @GET
    public MentionRecount.Progress progress() {
        return recount.progress();
    }
}
