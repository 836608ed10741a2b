package io.channelpulse.web;

import io.channelpulse.api.BadParameterException;

/** A query parameter that is {@code true}, {@code false} or absent (null: no filter); anything else is a 400. */
public final class YesNoParameter {

    private YesNoParameter() {
    }

    public static Boolean parse(String name, String value) {
        return switch (value == null || value.isBlank() ? "" : value.strip()) {
            case "" -> null;
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameterException(name, "'" + value + "' is not true or false");
        };
    }
}
