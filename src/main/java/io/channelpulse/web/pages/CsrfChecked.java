package io.channelpulse.web.pages;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the page resources whose POST forms {@link CsrfFilter} checks. The API under /api uses HTTP Basic instead,
 * and the digest's unsubscribe form needs no token: the signed link it carries is what another site cannot make.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@interface CsrfChecked {
}
