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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each written word is as a term, kept per thread because news text repeats its words and stemming is most of
 * the cost of a post; the stemmers are per thread too, as Snowball's are not thread-safe.
 */
final class WrittenWords {

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

    private WrittenWords() {
    }

    /**
     * What a word as written is: null for one with digits; else its form without a possessive, lowercased, whether
     * capitalised, and its term, null for a stop word or a single letter.
     */
    record Written(String surface, String lower, boolean capital, Term term) {
    }

    private static final Written WITH_DIGITS = new Written(null, null, false, null);

    /**
     * Each written word read once per thread: news text repeats its words, and stemming is most of the cost of a
     * post.
     */
    static Written written(String written) {
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
        String surface = withoutPossessive(written);
        String lower = surface.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('\u2019', '\'');
        boolean capital = Character.isUpperCase(surface.charAt(0));
        if (lower.length() < 2 || isStopWord(lower)) {
            return new Written(surface, lower, capital, null);
        }
        return new Written(surface, lower, capital, new Term(Term.WORD, stem(lower), lower));
    }

    /** The lowercase stem of a lowercase word: Russian Snowball if Cyrillic, English if Latin, else the word. */
    private static String stem(String lower) {
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

    private static boolean isStopWord(String lower) {
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
