package io.channelpulse.terms;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
 */
public final class TermExtractor {

    private static final int MAX_NAME_WORDS = 3;
    // words remembered per thread (see written): a day of news repeats far fewer distinct words
    private static final int WRITTEN_CACHE = 50_000;

    private static final CharArraySet RUSSIAN_STOP = RussianAnalyzer.getDefaultStopSet();
    private static final CharArraySet ENGLISH_STOP = snowballList("english_stop.txt");
    // Snowball's Russian list has этот, эти and этом but not these, among the most frequent words of news text.
    private static final CharArraySet MORE_RUSSIAN_STOP = new CharArraySet(List.of("это", "также", "который",
            "которая", "которое", "которые", "которого", "которой", "котором", "которых", "которым", "которыми"), false);

    private static final ThreadLocal<SnowballStemmer> RUSSIAN = ThreadLocal.withInitial(RussianStemmer::new);
    private static final ThreadLocal<SnowballStemmer> ENGLISH = ThreadLocal.withInitial(EnglishStemmer::new);
    private static final ThreadLocal<Map<String, Written>> WRITTEN = ThreadLocal.withInitial(HashMap::new);

    private static final String[] URL_ENDINGS = {".com", ".org", ".net", ".ru", ".рф", ".me", ".io", ".ua", ".by",
            ".kz", ".info", ".gov", ".int", ".edu", ".news", ".tv", ".uk", ".de", ".fr", ".eu"};

    private TermExtractor() {
    }

    /** The distinct terms, words before names, each in order of first appearance with its first form. */
    public static List<Term> terms(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return new Scan(text).run();
    }

    /**
     * What a word as written is: null for one with digits; else its form without a possessive, lowercased, whether
     * capitalised, and its term, null for a stop word or a single letter.
     */
    private record Written(String surface, String lower, boolean capital, Term term) {
    }

    private static final Written WITH_DIGITS = new Written(null, null, false, null);

    /**
     * Each written word read once per thread: news text repeats its words, and stemming is most of the cost of a
     * post.
     */
    private static Written written(String written) {
        Map<String, Written> cache = WRITTEN.get();
        Written known = cache.get(written);
        if (known == null) {
            known = read(written);
            if (cache.size() >= WRITTEN_CACHE) {
                cache.clear();
            }
            cache.put(written, known);
        }
        return known == WITH_DIGITS ? null : known;
    }

    private static Written read(String written) {
        for (int i = 0; i < written.length(); i++) {
            if (Character.isDigit(written.charAt(i))) {
                return WITH_DIGITS;
            }
        }
        String surface = Scan.withoutPossessive(written);
        String lower = surface.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('\u2019', '\'');
        boolean capital = Character.isUpperCase(surface.charAt(0));
        if (lower.length() < 2 || isStopWord(lower)) {
            return new Written(surface, lower, capital, null);
        }
        return new Written(surface, lower, capital, new Term(Term.WORD, stem(lower), lower));
    }

    /** The lowercase stem of a lowercase word: Russian Snowball if Cyrillic, English if Latin, else the word. */
    static String stem(String lower) {
        String stem = lower;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetter(c)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                if (script == Character.UnicodeScript.CYRILLIC) {
                    stem = stem(RUSSIAN.get(), lower);
                } else if (script == Character.UnicodeScript.LATIN) {
                    stem = stem(ENGLISH.get(), lower);
                }
                break;
            }
        }
        return stem;
    }

    private static String stem(SnowballStemmer stemmer, String word) {
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    static boolean isStopWord(String lower) {
        return RUSSIAN_STOP.contains(lower) || ENGLISH_STOP.contains(lower) || MORE_RUSSIAN_STOP.contains(lower);
    }

    private static CharArraySet snowballList(String name) {
        try {
            return WordlistLoader.getSnowballWordSet(IOUtils.getDecodingReader(SnowballFilter.class, name,
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene's stop word list " + name + " is missing", e);
        }
    }

    private static boolean isLetter(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        // Cyrillic, most of the text read: letters and combining marks but for the thousands sign
        if (c >= 0x0400 && c <= 0x04FF) {
            return c != 0x0482;
        }
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isJoiner(char c) {
        return c == '\'' || c == '\u2019' || c == '-';
    }

    private static boolean endsSentence(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    /** Whether a chunk with a dot in it is a URL. */
    private static boolean isUrl(String chunk) {
        String lower = chunk.toLowerCase(Locale.ROOT);
        if (lower.contains("://") || lower.startsWith("www.") || lower.contains("t.me/")) {
            return true;
        }
        int slash = lower.indexOf('/');
        int end = slash < 0 ? lower.length() : slash;
        while (slash < 0 && end > 0 && !Character.isLetterOrDigit(lower.charAt(end - 1))) {
            end--;
        }
        String host = lower.substring(0, end);
        for (String ending : URL_ENDINGS) {
            if (host.endsWith(ending) && host.length() > ending.length()) {
                return true;
            }
        }
        return false;
    }

    /** One pass over a text. */
    private static final class Scan {

        private final String text;
        private final Map<String, Term> words = new LinkedHashMap<>();
        private final Map<String, Term> names = new LinkedHashMap<>();
        private final List<String> run = new ArrayList<>(MAX_NAME_WORDS + 1);
        private final List<String> runStems = new ArrayList<>(MAX_NAME_WORDS + 1);
        private final List<Boolean> runStops = new ArrayList<>(MAX_NAME_WORDS + 1);
        private boolean runAtSentenceStart;
        private boolean sentenceStart = true;

        Scan(String text) {
            this.text = text;
        }

        List<Term> run() {
            int n = text.length();
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    if (c == '\n') {
                        endRun();
                        sentenceStart = true;
                    }
                    i++;
                    continue;
                }
                int end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                chunk(i, end);
                i = end;
            }
            endRun();
            List<Term> terms = new ArrayList<>(words.size() + names.size());
            terms.addAll(words.values());
            terms.addAll(names.values());
            return terms;
        }

        /** Text between two spaces. */
        private void chunk(int from, int to) {
            boolean handle = false;
            boolean dot = false;
            for (int k = from; k < to && !handle; k++) {
                char c = text.charAt(k);
                handle = c == '@';
                dot |= c == '.';
            }
            if (handle || dot && isUrl(text.substring(from, to))) {
                endRun();
                sentenceStart = false;
                return;
            }
            int i = from;
            while (i < to) {
                char c = text.charAt(i);
                if (isLetter(c) || Character.isDigit(c)) {
                    int end = wordEnd(i, to);
                    boolean tag = i > from && text.charAt(i - 1) == '#';
                    if (tag) {
                        endRun();
                        sentenceStart = false;
                    } else {
                        word(text.substring(i, end));
                    }
                    i = end;
                    continue;
                }
                endRun();
                if (endsSentence(c)) {
                    sentenceStart = true;
                }
                i++;
            }
        }

        private int wordEnd(int from, int to) {
            int i = from;
            while (i < to) {
                char c = text.charAt(i);
                if (isLetter(c) || Character.isDigit(c)) {
                    i++;
                } else if (isJoiner(c) && i + 1 < to && isLetter(text.charAt(i + 1))) {
                    i += 2;
                } else {
                    break;
                }
            }
            return i;
        }

        private void word(String written) {
            boolean atStart = sentenceStart;
            sentenceStart = false;
            Written word = written(written);
            if (word == null) {
                endRun();
                return;
            }
            if (word.term() == null) {
                // a capitalised stop word inside a run is part of a title-case headline ("Putin In Geneva")
                if (word.capital() && !run.isEmpty()) {
                    addToRun(word.surface(), word.lower(), true);
                } else {
                    endRun();
                }
                return;
            }
            words.putIfAbsent(word.term().key(), word.term());
            if (!word.capital()) {
                endRun();
                return;
            }
            if (run.isEmpty()) {
                runAtSentenceStart = atStart;
            }
            addToRun(word.surface(), word.term().key(), false);
        }

        private void addToRun(String surface, String stem, boolean stop) {
            run.add(surface);
            runStems.add(stem);
            runStops.add(stop);
        }

        /**
         * The run of capitalised words ends. Trailing stop words are not part of it; at a sentence start its first
         * word may be capitalised only for the sentence, so it is left off unless the run is a short name as it is.
         */
        private void endRun() {
            int to = run.size();
            while (to > 0 && runStops.get(to - 1)) {
                to--;
            }
            int from = 0;
            if (runAtSentenceStart && (to == 1 || to > MAX_NAME_WORDS)) {
                from = 1;
            }
            if (to - from >= 1 && to - from <= MAX_NAME_WORDS) {
                String key = String.join(" ", runStems.subList(from, to));
                names.putIfAbsent(key, new Term(Term.NAME, key, String.join(" ", run.subList(from, to))));
            }
            run.clear();
            runStems.clear();
            runStops.clear();
        }

        private static String withoutPossessive(String word) {
            int n = word.length();
            if (n > 2 && (word.charAt(n - 1) == 's' || word.charAt(n - 1) == 'S') && isJoinerApostrophe(word.charAt(n - 2))) {
                return word.substring(0, n - 2);
            }
            return word;
        }

        private static boolean isJoinerApostrophe(char c) {
            return c == '\'' || c == '\u2019';
        }
    }
}
