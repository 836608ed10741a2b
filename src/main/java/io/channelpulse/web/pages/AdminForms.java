package io.channelpulse.web.pages;

import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** What the admin forms share: reading a listed or a day field, and the redirect back to /admin with a message. */
final class AdminForms {

    private AdminForms() {
    }

    /** The entries of a form field that lists several, split at commas and white space. */
    static List<String> listed(String field) {
        return field == null ? List.of() : Arrays.stream(field.split("[,\\s]+")).filter(e -> !e.isEmpty()).toList();
    }

    /** A form's day, or null if it is not one like 2023-05-17. */
    static LocalDate day(String day) {
        try {
            return LocalDate.parse(day == null ? "" : day);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Back to the admin page with a message (post/redirect/get). */
    static Response back(String message) {
        return Response.seeOther(URI.create("/admin?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8))).build();
    }
}
