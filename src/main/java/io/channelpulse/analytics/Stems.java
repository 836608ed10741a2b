package io.channelpulse.analytics;

import java.util.HashMap;
import java.util.Map;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/** Snowball stemmers per thread, because they are not thread-safe and stemming is the dearest step of matching. */
final class Stems {

    private static final ThreadLocal<SnowballStemmer> RUSSIAN = ThreadLocal.withInitial(RussianStemmer::new);
    private static final ThreadLocal<SnowballStemmer> ENGLISH = ThreadLocal.withInitial(EnglishStemmer::new);
    private static final ThreadLocal<Map<String, String>> STEMS = ThreadLocal.withInitial(HashMap::new);
    private static final int STEM_CACHE = 50_000;

    private Stems() {
    }

    /** The stem of a lowercase word, Russian if it has a Cyrillic letter, English if a Latin one. */
    static String of(String lower) {
        boolean latin = false;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            if (Character.isLetter(cp)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.CYRILLIC) {
                    return stem(RUSSIAN.get(), lower);
                }
                latin |= script == Character.UnicodeScript.LATIN;
            }
            i += Character.charCount(cp);
        }
        return latin ? stem(ENGLISH.get(), lower) : lower;
    }

    /**
     * {@link #of(String)} remembered per thread: a batch of posts repeats a small vocabulary, and stemming every
     * word of every post was the largest cost of counting at ingestion.
     */
    static String cached(String lower) {
        Map<String, String> cache = STEMS.get();
        String cached = cache.get(lower);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= STEM_CACHE) {
            cache.clear();
        }
        String stem = of(lower);
        cache.put(lower, stem);
        return stem;
    }

    /** The Russian Snowball stem of a word, whatever its script. */
    static String russian(String word) {
        return stem(RUSSIAN.get(), word);
    }

    private static String stem(SnowballStemmer stemmer, String word) {
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }
}
