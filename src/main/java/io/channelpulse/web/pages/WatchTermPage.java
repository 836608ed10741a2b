package io.channelpulse.web.pages;

import io.channelpulse.terms.Term;
import io.channelpulse.terms.TermQuery;
import io.channelpulse.terms.TermQuery.TermKey;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The admin form that puts a name candidate of /terms on the watchlist: key, label and aliases filled in from the
 * forms the name was written in. It posts to the watchlist form of /admin, CSRF token included, so adding it
 * recounts history as any watchlist change does.
 */
@Path(WatchTermPage.PATH)
@Produces(MediaType.TEXT_HTML)
public class WatchTermPage {

    static final String PATH = "/admin/terms/watch";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance watch(WatchPage page);
    }

    /** The form's values. */
    public record WatchPage(String key, String label, String aliases, String csrf) {
    }

    @Inject
    TermQuery terms;

    @GET
    @RolesAllowed("admin")
    public Response watch(@QueryParam("key") String key, @CookieParam(CsrfToken.COOKIE) String csrfCookie) {
        TermKey name = new TermKey(Term.NAME, key == null ? "" : key);
        List<String> forms = terms.forms(List.of(name)).getOrDefault(name, List.of());
        String label = forms.isEmpty() ? name.key() : forms.get(0);
        String csrf = CsrfToken.of(csrfCookie);
        String html = Templates.watch(new WatchPage(WatchKey.of(label), label, String.join(", ", forms), csrf)).render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .cookie(CsrfToken.cookie(csrf)).build();
    }
}
