package io.channelpulse.analytics;

/** One bucket of a series: its start ({@code 2023-05-17}, or an instant for hours) and the count. */
public record Point(String t, long count) {
}
