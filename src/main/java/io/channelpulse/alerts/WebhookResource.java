package io.channelpulse.alerts;

import io.channelpulse.api.ApiDocument;
import io.channelpulse.api.ApiError;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.Limits;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Webhooks and their delivery log; admin only. */
@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Alerts", description = "Webhooks for spikes and post edits and deletions, their delivery log, and "
        + "spike runs on demand; admin only")
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class WebhookResource {

    /** The most log rows one answer holds. */
    static final int MAX_LOG = 500;

    /**
     * The body of POST /api/webhooks.
     *
     * @param metrics spike metrics to hear about (topic, mention, name, forward); null or empty: all
     * @param events  spike, post.edited, post.deleted; null or empty: spike
     */
    public record Register(String url, String secret, List<String> metrics, List<String> events) {
    }

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookSender sender;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook", description = "Each event is POSTed once as JSON with the header "
            + "X-Pulse-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>, X-Pulse-Event and "
            + "X-Pulse-Delivery (its id in the log). Only http and https URLs; a host that is or resolves to a "
            + "link-local address (169.254.0.0/16, fe80::/10) or a cloud metadata address is refused, here and at "
            + "every delivery and redirect. Loopback and private addresses are allowed. A receiver that does not "
            + "answer 2xx is tried again with growing pauses")
    @APIResponse(responseCode = "201", description = "Registered (the secret is not shown again)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Webhook.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public Response register(Register body) {
        if (body == null) {
            throw new BadParameterException("url", "is required, e.g. {\"url\": \"https://receiver.example.org/pulse\", "
                    + "\"secret\": \"...\", \"metrics\": [\"topic\"], \"events\": [\"spike\", \"post.edited\"]}");
        }
        Webhook webhook = webhooks.register(body.url(), body.secret(), body.metrics(), body.events());
        return Response.created(URI.create("/api/webhooks/" + webhook.id())).entity(webhook).build();
    }

    @GET
    @Operation(summary = "Every webhook, without its secret")
    public List<Webhook> list() {
        return webhooks.list();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a webhook and its delivery log")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public Response delete(@Parameter(description = "The webhook's id") @PathParam("id") String id) {
        long parsed = id(id);
        if (!webhooks.delete(parsed)) {
            throw new NotFoundException("No webhook " + parsed);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/deliveries")
    @Operation(summary = "The delivery log, newest first", description = "status: pending, claimed (being sent), "
            + "sent, failed (tried again at nextAttemptAt while attempts remain) or interrupted (the app stopped "
            + "mid-delivery; it may have arrived, so it is not sent again on its own)")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public List<WebhookDelivery> deliveries(
            @Parameter(description = "Only this webhook's deliveries") @QueryParam("webhook") String webhook,
            @Parameter(description = "At most this many, 1 to " + MAX_LOG + "; default 100") @QueryParam("limit") String limit) {
        return sender.log(webhook == null || webhook.isBlank() ? null : id(webhook), Limits.parse(limit, 100, MAX_LOG));
    }

    @POST
    @Path("/deliveries/{id}/send")
    @Operation(summary = "Send a failed or interrupted delivery again, now", description = "For a receiver that was "
            + "down longer than the retries lasted, or an interrupted delivery you know did not arrive. The same body "
            + "and signature go out once more, whatever the attempts so far. Pending, claimed and sent deliveries "
            + "are not sent by hand")
    @APIResponse(responseCode = "200", description = "Sent: the delivery as it stands now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookDelivery.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The delivery is pending, being sent or sent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "502", description = "The receiver refused it again or did not answer; the error is "
            + "in the message and in the delivery log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response sendAgain(@Parameter(description = "The delivery's id (X-Pulse-Delivery)") @PathParam("id") String id) {
        long parsed = id(id, "delivery");
        WebhookSender.SendAgain outcome = sender.sendAgain(parsed, Instant.now());
        Optional<WebhookDelivery> delivery = sender.delivery(parsed);
        if (outcome == WebhookSender.SendAgain.NO_SUCH_DELIVERY || delivery.isEmpty()) {
            throw new NotFoundException("No webhook delivery " + parsed);
        }
        return switch (outcome) {
            case SENT -> Response.ok(delivery.get()).build();
            case FAILED -> throw new WebApplicationException("Delivery " + parsed + " failed again: "
                    + delivery.get().lastError(), Response.Status.BAD_GATEWAY);
            case NOT_STUCK, NO_SUCH_DELIVERY -> throw new WebApplicationException("Delivery " + parsed + " is "
                    + delivery.get().status() + "; only failed and interrupted deliveries are sent again by hand",
                    Response.Status.CONFLICT);
        };
    }

    private static long id(String value) {
        return id(value, "webhook");
    }

    private static long id(String value, String what) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException("id", "'" + value + "' is not a " + what + " id like 3");
        }
    }
}
