package io.channelpulse.web.pages;

import static io.channelpulse.web.pages.AdminForms.back;
import static io.channelpulse.web.pages.AdminForms.listed;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.digest.Subscribers;
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

import java.util.List;

/** The admin forms that add and remove digest subscribers. */
@Path("/admin/subscribers")
@Produces(MediaType.TEXT_HTML)
@CsrfChecked
public class AdminSubscriberPages {

    @Inject
    Subscribers subscribers;

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addSubscriber(@RestForm String email, @RestForm String channels, @RestForm String alerts) {
        List<String> handles = listed(channels);
        try {
            Subscribers.Saved saved = subscribers.subscribe(email, handles, alerts != null);
            return back((saved.created() ? "Subscribed " : "Updated ") + saved.subscriber().email() + " ("
                    + saved.subscriber().channelList() + (saved.subscriber().alerts() ? ", with spike alerts" : "")
                    + ")");
        } catch (BadParameterException e) {
            return back(e.getMessage());
        }
    }

    @POST
    @Path("/{id}/delete")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteSubscriber(@PathParam("id") long id) {
        return back(subscribers.delete(id) ? "Removed the subscriber" : "No such subscriber");
    }
}
