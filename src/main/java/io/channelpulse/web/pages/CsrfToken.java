package io.channelpulse.web.pages;

import jakarta.ws.rs.core.NewCookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * CSRF protection by double submit: a page with admin forms puts a random token in an HttpOnly, SameSite=Strict
 * cookie and in every form; {@link CsrfFilter} lets a form through only when both arrive and agree, which another
 * site cannot arrange.
 */
final class CsrfToken {

    /** The cookie's name. */
    static final String COOKIE = "pulse-csrf";

    /** The hidden field every admin form carries. */
    static final String FIELD = "csrf";

    /** A cookie shorter than this was not made here. */
    private static final int MIN_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {
    }

    /** The token of the admin's CSRF cookie, or a new one when there is none yet. */
    static String of(String cookie) {
        return cookie != null && cookie.length() >= MIN_LENGTH ? cookie : newToken();
    }

    /** The cookie for the whole site: the network page's Track buttons and the terms' Watch form post from outside /admin. */
    static NewCookie cookie(String token) {
        return new NewCookie.Builder(COOKIE).value(token).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** True when the form's token is the cookie's. */
    static boolean matches(String form, String cookie) {
        return form != null && cookie != null && cookie.length() >= MIN_LENGTH
                && MessageDigest.isEqual(form.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
