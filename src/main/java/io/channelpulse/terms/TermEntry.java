package io.channelpulse.terms;

/**
 * One line of a terms list: posts naming the term in the period and in the period of the same length before it,
 * the signed keyness {@link Keyness#score} of the change, and whether the watchlist names it.
 */
public record TermEntry(String key, String label, String kind, long count, long previous, double score,
                        boolean watched) {
}
