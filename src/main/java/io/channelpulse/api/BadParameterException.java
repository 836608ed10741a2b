package io.channelpulse.api;

/** A request parameter that cannot be used; the message names it and says what is expected. */
public class BadParameterException extends RuntimeException {

    public BadParameterException(String parameter, String problem) {
        super(parameter + ": " + problem);
    }
}
