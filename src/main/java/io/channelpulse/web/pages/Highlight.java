package io.channelpulse.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Post text cut into pieces, some marked as the term the page is about. Templates print each piece escaped
 * (post text is untrusted) and wrap the marked ones in {@code <mark>}.
 */
public final class Highlight {

    public record Piece(String text, boolean marked) {
    }

    private Highlight() {
    }

    /** Marks every case-insensitive occurrence of any of the terms (the longest first). */
    public static List<Piece> pieces(String text, List<String> terms) {
        List<Piece> pieces = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return pieces;
        }
        List<String> wanted = terms.stream().filter(t -> t != null && t.length() > 1)
                .map(t -> t.toLowerCase(Locale.ROOT)).distinct()
                .sorted((a, b) -> b.length() - a.length()).toList();
        String lower = text.toLowerCase(Locale.ROOT);
        int plainStart = 0;
        int i = 0;
        while (i < text.length()) {
            String hit = null;
            for (String term : wanted) {
                if (lower.startsWith(term, i)) {
                    hit = term;
                    break;
                }
            }
            if (hit == null || lower.length() != text.length()) {
                i++;
                continue;
            }
            if (i > plainStart) {
                pieces.add(new Piece(text.substring(plainStart, i), false));
            }
            pieces.add(new Piece(text.substring(i, i + hit.length()), true));
            i += hit.length();
            plainStart = i;
        }
        if (plainStart < text.length()) {
            pieces.add(new Piece(text.substring(plainStart), false));
        }
        return pieces;
    }
}
