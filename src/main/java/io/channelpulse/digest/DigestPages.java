package io.channelpulse.digest;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.api.BadParameterException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;

import java.time.LocalDate;

/** The browser side of the digest: its preview, and unsubscribing from a mail's link without logging in. */
@Path("/digest")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class DigestPages {

    @CheckedTemplate(basePath = "DigestPages")
    static class Templates {
        static native TemplateInstance unsubscribe(String email, long s, String t, boolean done);
    }

    @Inject
    @Location("DigestMails/digest.html")
    Template digestHtml;

    @Inject
    DigestContent content;

    @Inject
    Subscribers subscribers;

    @Inject
    DigestSecret secret;

    @Inject
    AnalyticsConfig analytics;

    /** The HTML digest of {@code date} (default yesterday) over all channels, as a mail would show it. */
    @GET
    @Path("/preview")
    public String preview(@QueryParam("date") String date) {
        LocalDate day = date == null || date.isBlank() ? LocalDate.now(analytics.timezone()).minusDays(1)
                : SubscriptionResource.date(date);
        return digestHtml.data("digest", content.digest(day, null)).render();
    }

    @GET
    @Path("/unsubscribe")
    public TemplateInstance confirm(@QueryParam("s") String s, @QueryParam("t") String t) {
        Subscriber subscriber = checked(s, t);
        return Templates.unsubscribe(subscriber.email(), subscriber.id(), t, false);
    }

    @POST
    @Path("/unsubscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance unsubscribe(@RestForm String s, @RestForm String t) {
        Subscriber subscriber = checked(s, t);
        subscribers.unsubscribe(subscriber.id());
        return Templates.unsubscribe(subscriber.email(), subscriber.id(), t, true);
    }

    private Subscriber checked(String s, String t) {
        long id;
        try {
            id = Long.parseLong(s == null ? "" : s);
        } catch (NumberFormatException e) {
            throw new BadParameterException("s", "this unsubscribe link is incomplete; use the link from the mail as it is");
        }
        if (!secret.verify(id, t)) {
            throw new BadParameterException("t", "this unsubscribe link is not valid; use the link from the mail as it is");
        }
        return subscribers.find(id).orElseThrow(() -> new BadParameterException("s",
                "this subscription no longer exists; nothing more will be sent"));
    }
}
