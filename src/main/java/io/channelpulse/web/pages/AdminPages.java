package io.channelpulse.web.pages;

import static io.channelpulse.web.pages.AdminForms.back;
import static io.channelpulse.web.pages.AdminForms.day;

import io.channelpulse.alerts.AlertMails;
import io.channelpulse.alerts.Webhook;
import io.channelpulse.alerts.WebhookDelivery;
import io.channelpulse.alerts.WebhookSender;
import io.channelpulse.alerts.Webhooks;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.analytics.MentionRecount;
import io.channelpulse.analytics.SeriesQuery;
import io.channelpulse.analytics.WatchedEntity;
import io.channelpulse.digest.Deliveries;
import io.channelpulse.digest.Delivery;
import io.channelpulse.digest.DigestSender;
import io.channelpulse.digest.Subscriber;
import io.channelpulse.digest.Subscribers;
import io.channelpulse.generate.DemoData;
import io.channelpulse.imports.ImportStatus;
import io.channelpulse.imports.Imports;
import io.channelpulse.analytics.Watchlist;
import io.channelpulse.ingest.ChannelRegistry;
import io.channelpulse.network.ChannelNetwork;
import io.channelpulse.network.DiscoveredChannel;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.store.Channel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import io.channelpulse.web.Filters;
import io.channelpulse.analytics.Period;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The admin page and its forms for channels, mails and the demo data, behind the login form (the watchlist's,
 * subscribers', webhooks' and imports' forms are beside it). Every change is a POST form with a
 * CSRF token (checked by {@link CsrfFilter}), answered by a redirect back to the page with a message
 * (post/redirect/get).
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
@CsrfChecked
public class AdminPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed);

        static native TemplateInstance admin(AdminPage page);
    }

    public record AdminPage(List<Channel> channels, List<WatchedEntity> watchlist, MentionRecount.Progress recount,
                            List<Subscriber> subscribers, Deliveries.LastDay lastDigest, List<Delivery> deliveries,
                            DemoData.Progress demo, List<DiscoveredChannel> worthAdding, List<Webhook> webhooks,
                            List<WebhookDelivery> webhookDeliveries, List<AlertMails.Stuck> alertMails,
                            List<ImportStatus> imports, String message,
                            String csrf, ZoneId zone) {

        /** An import is queued or running: the page refreshes itself to follow it. */
        public boolean importing() {
            return imports.stream().anyMatch(i -> !i.finished());
        }
    }

    /** How many of the channels worth adding the admin page lists, from the last 30 days. */
    static final int WORTH_ADDING = 10;

    /** Webhook deliveries on the page; the API pages further back. */
    static final int WEBHOOK_LOG = 30;

    @Inject
    ChannelRegistry registry;

    @Inject
    Watchlist watchlist;

    @Inject
    MentionRecount recount;

    @Inject
    Subscribers subscribers;

    @Inject
    Deliveries deliveries;

    @Inject
    DigestSender sender;

    @Inject
    DemoData demo;

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookSender webhookSender;

    @Inject
    AlertMails alertMails;

    @Inject
    AnalyticsConfig analytics;

    @Inject
    ChannelNetwork network;

    @Inject
    SeriesQuery series;

    @Inject
    Imports imports;

    @GET
    @Path("/login")
    @PermitAll
    public TemplateInstance login(@QueryParam("error") String error) {
        return Templates.login(error != null);
    }

    @GET
    @RolesAllowed("admin")
    public Response admin(@QueryParam("message") String message, @CookieParam(CsrfToken.COOKIE) String csrfCookie) {
        String csrf = CsrfToken.of(csrfCookie);
        String html = Templates.admin(new AdminPage(QuarkusTransaction.requiringNew().call(Channel::listByHandle),
                watchlist.entities(), recount.progress(), subscribers.list(), deliveries.lastDay().orElse(null),
                deliveries.needingAttention(), demo.progress(), worthAdding(), webhooks.list(),
                webhookSender.log(null, WEBHOOK_LOG), alertMails.stuck(WEBHOOK_LOG), imports.newest(5), message, csrf,
                analytics.timezone()))
                .render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cookie(CsrfToken.cookie(csrf)).build();
    }

    private List<DiscoveredChannel> worthAdding() {
        Period month = Filters.of(null, null, null, null).period(analytics.timezone(), series);
        return network.discover(month, null).stream().limit(WORTH_ADDING).toList();
    }

    @POST
    @Path("/channels")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addChannel(@RestForm String handle, @RestForm String network) {
        Optional<ChannelHandle> parsed = ChannelHandle.parse(handle);
        if (parsed.isEmpty()) {
            return back("'" + (handle == null ? "" : handle) + "' is not a public channel handle: use a username like "
                    + "EmbUSA, @EmbUSA or a link like https://t.me/s/EmbUSA");
        }
        ChannelRegistry.Tracked tracked = registry.track(parsed.get());
        if (network != null) {
            return backToNetwork(network, "tracked=" + tracked.channel().handle);
        }
        return back(tracked.created() ? "Added @" + tracked.channel().handle + "; its history is being fetched"
                : "@" + tracked.channel().handle + " was tracked already (and is active)");
    }

    /** The network page with the filters it was seen with; the login form sends people here to use its Track buttons. */
    @GET
    @Path("/network")
    @RolesAllowed("admin")
    public Response network(@Context UriInfo uri) {
        return backToNetwork(uri.getRequestUri().getRawQuery(), null);
    }

    @POST
    @Path("/channels/{handle}/{action}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response channelAction(@PathParam("handle") String handle, @PathParam("action") String action) {
        ChannelHandle parsed = ChannelHandle.parse(handle).orElse(null);
        if (parsed == null || registry.find(parsed).isEmpty()) {
            return back("@" + handle + " is not tracked");
        }
        return switch (action) {
            case "pause" -> {
                registry.untrack(parsed, false);
                yield back("Paused @" + handle + "; its posts are kept");
            }
            case "resume" -> {
                registry.track(parsed);
                yield back("Resumed @" + handle);
            }
            case "poll" -> {
                registry.pollNow(parsed);
                yield back("Polling @" + handle + " now");
            }
            case "remove" -> {
                registry.untrack(parsed, true);
                yield back("Removed @" + handle + " and all its posts");
            }
            default -> back("Unknown action '" + action + "'");
        };
    }

    @POST
    @Path("/digest/resend")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resendDigest(@RestForm long subscriber, @RestForm String day) {
        LocalDate date = day(day);
        if (date == null) {
            return back("'" + day + "' is not a day like 2023-05-17");
        }
        String whose = whose(subscriber);
        return back(switch (sender.resend(subscriber, date, Instant.now())) {
            case SENT -> "Sent the digest of " + date + " to " + whose + " again";
            case FAILED -> "The digest of " + date + " to " + whose + " failed again; the error is in the table below";
            case NOTHING_TO_RESEND -> "The digest of " + date + " to " + whose + " has nothing to resend: it was sent "
                    + "or is being sent";
        });
    }

    private String whose(long subscriber) {
        return subscribers.find(subscriber).map(Subscriber::email).orElse("subscriber " + subscriber);
    }

    @POST
    @Path("/alerts/resend")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resendAlertMail(@RestForm long subscriber, @RestForm String metric, @RestForm String key,
                                    @RestForm String day) {
        LocalDate date = day(day);
        if (date == null) {
            return back("'" + day + "' is not a day like 2023-05-17");
        }
        String whose = whose(subscriber);
        String which = "The spike mail about " + metric + " " + key + " of " + date + " to " + whose;
        return back(switch (alertMails.sendAgain(subscriber, metric, key, date, Instant.now())) {
            case SENT -> "Sent the spike mail about " + metric + " " + key + " of " + date + " to " + whose + " again";
            case FAILED -> which + " failed again; the error is in the table below";
            case NOT_STUCK -> which + " was not sent again: it was sent or is being sent, or the subscriber no "
                    + "longer takes alerts";
        });
    }

    @POST
    @Path("/demo")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response generateDemo() {
        if (!demo.start()) {
            return back("Demo data is being generated already; wait until it is done");
        }
        return back(String.format(java.util.Locale.ROOT, "Generating %,d demo posts in %d synthetic channels; "
                + "this page shows how far it got", DemoData.POSTS, DemoData.CHANNELS));
    }

    @POST
    @Path("/logout")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout() {
        return Response.seeOther(URI.create("/"))
                .cookie(new NewCookie.Builder("quarkus-credential").path("/").maxAge(0).build()).build();
    }

    /**
     * Back to {@code /network} with its query string, of which only URL-encoded characters are kept, so the
     * redirect never leaves the page.
     */
    private static Response backToNetwork(String query, String note) {
        String kept = query == null ? "" : query.replaceAll("[^A-Za-z0-9_.~%&=+-]", "");
        String all = note == null ? kept : kept.isEmpty() ? note : kept + "&" + note;
        return Response.seeOther(URI.create("/network" + (all.isEmpty() ? "" : "?" + all))).build();
    }
}
