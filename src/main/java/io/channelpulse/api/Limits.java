package io.channelpulse.api;


/** The {@code limit} parameter: a whole number within bounds, or the default when absent. */
public final class Limits {

    private Limits() {
    }

    public static int parse(String value, int defaultLimit, int max) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below with the rule
        }
        throw new BadParameterException("limit", "'" + value + "' is not a whole number from 1 to " + max);
    }
}
