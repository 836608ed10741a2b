package io.channelpulse.terms;

import java.util.List;

/**
 * The terms of a post's text, each once however often the text has it. Pure and safe to share between threads.
 *
 * <p>A word is a run of letters and marks, with an apostrophe or hyphen kept inside it when a letter follows
 * ({@code Нью-Йорк}, {@code Grossi's}). It is lowercased, {@code ё} read as {@code е}, an English possessive dropped,
 * and stemmed with Snowball: Russian for a Cyrillic word, English for a Latin one; other scripts are kept as written.
 * Left out: Russian and English stop words (Snowball's lists), words of one letter, words with digits (numbers,
 * dates, {@code 5G}), everything in a URL ({@code https://…}, {@code www.…}, {@code t.me/…}, a bare
 * {@code site.com/path}), in a chunk with {@code @} (handles, e-mail addresses) and hashtags (counted as topics).
 *
 * <p>A name candidate is a run of one to three capitalised words that are not stop words, unbroken by punctuation;
 * a longer run is a title-case headline, not a name. A single capitalised word at the start of a sentence (the
 * text's start, after {@code . ! ? …} or a line break) is capitalised for the sentence, so it is not a candidate;
 * a run of two or three there is ({@code Рафаэль Гросси заявил}). Its key is the stems of its words, so
 * {@code Рафаэля Гросси} and {@code Рафаэль Гросси} are one name, labelled by the form written most often.
 *
 * <p>The pass over a text is {@link TermScan}'s; what each written word is (stem, stop word) is
 * {@link WrittenWords}'.
 */
public final class TermExtractor {

    private TermExtractor() {
    }

    /** The distinct terms, words before names, each in order of first appearance with its first form. */
    public static List<Term> terms(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return new TermScan(text).run();
    }
}
