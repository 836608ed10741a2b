package io.channelpulse.api;

/** The body of every error answer of the JSON API. */
public record ApiError(String error) {
}
