package io.channelpulse.web.pages;

import io.channelpulse.api.BadParameterException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Cookie;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Refuses a POST form of a {@link CsrfChecked} resource whose {@code csrf} field is not the token of its CSRF cookie,
 * before the form changes anything. It runs after the login check, so a visitor without a session is still sent to
 * the login form, and after the form is read (URL-encoded or multipart alike).
 */
class CsrfFilter {

    static final String STALE = "this form is stale or did not come from this site; reload the admin page and try again";

    @CsrfChecked
    @WithFormRead
    @ServerRequestFilter
    void check(ResteasyReactiveContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod())) {
            return;
        }
        Object form = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(CsrfToken.FIELD, true, false);
        Cookie cookie = request.getCookies().get(CsrfToken.COOKIE);
        if (!CsrfToken.matches(form instanceof String token ? token : null, cookie == null ? null : cookie.getValue())) {
            throw new BadParameterException(CsrfToken.FIELD, STALE);
        }
    }
}
