package io.channelpulse.web.pages;

import static io.channelpulse.web.pages.AdminForms.back;
import static io.channelpulse.web.pages.AdminForms.listed;

import io.channelpulse.alerts.Webhook;
import io.channelpulse.alerts.WebhookSender;
import io.channelpulse.alerts.Webhooks;
import io.channelpulse.api.BadParameterException;
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

import java.time.Instant;
import java.util.List;

/** The admin forms that register and remove webhooks and send a stuck delivery again. */
@Path("/admin/webhooks")
@Produces(MediaType.TEXT_HTML)
@CsrfChecked
public class AdminWebhookPages {

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookSender webhookSender;

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addWebhook(@RestForm String url, @RestForm String secret, @RestForm String metrics,
                               @RestForm List<String> events) {
        List<String> chosen = listed(metrics);
        try {
            Webhook webhook = webhooks.register(url, secret, chosen, events);
            return back("Added the webhook " + webhook.url() + " (" + webhook.eventList() + "; "
                    + webhook.metricList() + ")");
        } catch (BadParameterException e) {
            return back(e.getMessage());
        }
    }

    @POST
    @Path("/{id}/delete")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteWebhook(@PathParam("id") long id) {
        return back(webhooks.delete(id) ? "Removed the webhook and its delivery log" : "No such webhook");
    }

    @POST
    @Path("/deliveries/{id}/send")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendDeliveryAgain(@PathParam("id") long id) {
        WebhookSender.SendAgain outcome = webhookSender.sendAgain(id, Instant.now());
        String to = webhookSender.delivery(id).map(d -> " to " + d.url()).orElse("");
        return back(switch (outcome) {
            case SENT -> "Sent webhook delivery " + id + to + " again";
            case FAILED -> "Webhook delivery " + id + to + " failed again; the error is in the table below";
            case NOT_STUCK -> "Webhook delivery " + id + to + " was not sent again: only failed and interrupted "
                    + "deliveries are";
            case NO_SUCH_DELIVERY -> "No webhook delivery " + id;
        });
    }
}
