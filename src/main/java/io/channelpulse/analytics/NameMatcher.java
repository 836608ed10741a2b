package io.channelpulse.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Finds the watched entities a post's text names (SPEC section 5, "watched names").
 *
 * <p>Text is split on Unicode word boundaries: a word is a run of letters, marks and digits, with an apostrophe
 * ({@code '} or {@code ’}) kept inside it when a letter follows ({@code Lavrov’s} is one word). Everything else
 * separates words, so the word of a hashtag counts ({@code #НАТО} names NATO) while {@code #RussiaUSA} is the one word
 * {@code russiausa} and names neither. A word is lowercased, {@code ё} read as {@code е}, an English possessive
 * ({@code 's}) dropped, and stemmed: Russian Snowball for a Cyrillic word, English Snowball for a Latin one. A word
 * that mixes Latin and Cyrillic look-alike letters ({@code Лавровe} with a Latin {@code e}) is read in the one script
 * it can be spelled in.
 *
 * <p>An alias is read the same way, and a word of the text matches a word of the alias when both have the same stem
 * or the same lowercase spelling. An alias of several words matches only those words in a row. Two refinements keep
 * the stemmer from matching other words:
 * <ul>
 * <li>A stem of fewer than {@value #SHORT_STEM} letters is too common to match on ({@code НАТО} stems to {@code нат},
 * as does the name {@code Ната}; {@code Китая} to {@code кит}, as does "whale"), so such an alias word matches only
 * its own spelling, in any case.</li>
 * <li>A Russian alias word ending in a consonant whose inflected form stems back to the whole word is a name that
 * declines by adding endings ({@code Лавров}: {@code Лаврова}, {@code Лаврову} stem to {@code лавров}), so that whole
 * word is its stem rather than the shorter one Snowball gives the bare word ({@code лавр}, as for {@code Лавра} and
 * {@code лавры}).</li>
 * </ul>
 * An alias made of short capitalised acronyms (at most {@value #SHORT_ACRONYM} letters each: {@code US},
 * {@code UN}, {@code EU}, {@code США}, {@code ООН}, {@code U.S.}) matches only that exact spelling, so "us" and "un"
 * in running text do not count; longer ones ({@code NATO}, {@code ОБСЕ}) match in any case.
 *
 * <p>A word directly before or after {@code @}, and the words joined to it by {@code .}, {@code _}, {@code -} or
 * {@code +}, are an e-mail address or a {@code @handle} and never name an entity ({@code lavrov@mid.ru},
 * {@code press@nato.int}); handles are counted by {@link HandleMentions}.
 *
 * <p>Built once for a watchlist; immutable and safe to share between threads. Matching is one pass over the words,
 * looking aliases up by their first word.
 */
public final class NameMatcher {

    private static final int SHORT_ACRONYM = 3;
    private static final int SHORT_STEM = 4;

    private static final ThreadLocal<SnowballStemmer> RUSSIAN = ThreadLocal.withInitial(RussianStemmer::new);
    private static final ThreadLocal<SnowballStemmer> ENGLISH = ThreadLocal.withInitial(EnglishStemmer::new);
    private static final ThreadLocal<Map<String, String>> STEMS = ThreadLocal.withInitial(HashMap::new);
    private static final int STEM_CACHE = 50_000;

    private static final int WORD_TYPES = (1 << Character.UPPERCASE_LETTER) | (1 << Character.LOWERCASE_LETTER)
            | (1 << Character.TITLECASE_LETTER) | (1 << Character.MODIFIER_LETTER) | (1 << Character.OTHER_LETTER)
            | (1 << Character.NON_SPACING_MARK) | (1 << Character.ENCLOSING_MARK)
            | (1 << Character.COMBINING_SPACING_MARK) | (1 << Character.DECIMAL_DIGIT_NUMBER)
            | (1 << Character.LETTER_NUMBER) | (1 << Character.OTHER_NUMBER);

    // Letters that look the same in Latin and Cyrillic, case kept.
    private static final String LATIN_LOOKALIKES = "ABCEHKMOPTXYaceopxyk";
    private static final String CYRILLIC_LOOKALIKES = "АВСЕНКМОРТХУасеорхук";
    private static final String RUSSIAN_NOT_CONSONANTS = "аеёиоуыэюяьъй";

    // How an alias word is compared with a word of the text.
    private static final byte STEM = 0; // same stem, or same lowercase spelling
    private static final byte SPELLING = 1; // same lowercase spelling
    private static final byte EXACT = 2; // same spelling, case included

    /** Aliases by their first word: its stem, its lowercase spelling, its exact spelling. */
    private final Map<String, Alias[]> byStem;
    private final Map<String, Alias[]> bySpelling;
    private final Map<String, Alias[]> byExact;

    private NameMatcher(Map<String, Alias[]> byStem, Map<String, Alias[]> bySpelling, Map<String, Alias[]> byExact) {
        this.byStem = byStem;
        this.bySpelling = bySpelling;
        this.byExact = byExact;
    }

    /** A matcher for these entities; aliases that have no word (blank, only punctuation) are ignored. */
    public static NameMatcher of(List<WatchedEntity> entities) {
        Map<String, List<Alias>> byStem = new HashMap<>();
        Map<String, List<Alias>> bySpelling = new HashMap<>();
        Map<String, List<Alias>> byExact = new HashMap<>();
        for (WatchedEntity entity : entities) {
            for (String text : entity.aliases()) {
                Alias alias = Alias.of(entity.key(), text);
                if (alias == null) {
                    continue;
                }
                switch (alias.modes[0]) {
                    case EXACT -> add(byExact, alias.exact[0], alias);
                    case SPELLING -> add(bySpelling, alias.spellings[0], alias);
                    default -> {
                        add(byStem, alias.stems[0], alias);
                        // a name whose stem is the whole word: its bare form stems shorter
                        if (!alias.stems[0].equals(stem(alias.spellings[0]))) {
                            add(bySpelling, alias.spellings[0], alias);
                        }
                    }
                }
            }
        }
        return new NameMatcher(freeze(byStem), freeze(bySpelling), freeze(byExact));
    }

    /** The distinct keys of the entities the text names, sorted. */
    public List<String> keys(String text) {
        if (text == null || text.isEmpty() || (byStem.isEmpty() && bySpelling.isEmpty() && byExact.isEmpty())) {
            return List.of();
        }
        Words words = Words.of(text, true);
        TreeSet<String> found = null;
        for (int i = 0; i < words.size; i++) {
            if (words.stem[i] == null) {
                continue;
            }
            found = collect(byStem.get(words.stem[i]), words, i, found);
            found = collect(bySpelling.get(words.spelling[i]), words, i, found);
            found = collect(byExact.get(words.exact[i]), words, i, found);
        }
        return found == null ? List.of() : List.copyOf(found);
    }

    /** The text's words as they are matched: normalised and stemmed, without those of e-mail addresses and handles. */
    public static List<String> tokens(String text) {
        if (text == null) {
            return List.of();
        }
        Words words = Words.of(text, true);
        List<String> tokens = new ArrayList<>(words.size);
        for (int i = 0; i < words.size; i++) {
            if (words.stem[i] != null) {
                tokens.add(words.stem[i]);
            }
        }
        return tokens;
    }

    private static TreeSet<String> collect(Alias[] candidates, Words words, int at, TreeSet<String> found) {
        if (candidates == null) {
            return found;
        }
        for (Alias alias : candidates) {
            if ((found == null || !found.contains(alias.key)) && alias.matchesAt(words, at)) {
                if (found == null) {
                    found = new TreeSet<>();
                }
                found.add(alias.key);
            }
        }
        return found;
    }

    private static void add(Map<String, List<Alias>> index, String first, Alias alias) {
        index.computeIfAbsent(first, k -> new ArrayList<>()).add(alias);
    }

    private static Map<String, Alias[]> freeze(Map<String, List<Alias>> index) {
        Map<String, Alias[]> frozen = new HashMap<>(index.size() * 2);
        index.forEach((first, aliases) -> frozen.put(first, aliases.toArray(Alias[]::new)));
        return Map.copyOf(frozen);
    }

    private static boolean isShortAcronym(String word) {
        int letters = 0;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (!Character.isUpperCase(cp)) {
                return false;
            }
            letters++;
            i += Character.charCount(cp);
        }
        return letters <= SHORT_ACRONYM;
    }

    /** The stem of a lowercase word, Russian if it has a Cyrillic letter, English if a Latin one. */
    private static String stem(String lower) {
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
     * {@link #stem(String)} remembered per thread: a batch of posts repeats a small vocabulary, and stemming every
     * word of every post was the largest cost of counting at ingestion.
     */
    private static String cachedStem(String lower) {
        Map<String, String> cache = STEMS.get();
        String cached = cache.get(lower);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= STEM_CACHE) {
            cache.clear();
        }
        String stem = stem(lower);
        cache.put(lower, stem);
        return stem;
    }

    private static String stem(SnowballStemmer stemmer, String word) {
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    /**
     * The stem an alias word is matched by: a Russian word that ends in a consonant and whose inflected form
     * ({@code Лаврова}) stems back to the whole word is its own stem ({@code лавров}, not Snowball's {@code лавр}).
     */
    private static String aliasStem(String spelling, String stem) {
        char last = spelling.charAt(spelling.length() - 1);
        if (!stem.equals(spelling) && Character.UnicodeScript.of(last) == Character.UnicodeScript.CYRILLIC
                && Character.isLetter(last) && RUSSIAN_NOT_CONSONANTS.indexOf(last) < 0
                && stem(RUSSIAN.get(), spelling + "а").equals(spelling)) {
            return spelling;
        }
        return stem;
    }

    private static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        return ((WORD_TYPES >> Character.getType(cp)) & 1) != 0;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    /** One way an entity is named: its words, each compared by stem, by lowercase spelling or exactly. */
    private static final class Alias {

        final String key;
        final byte[] modes;
        final String[] stems;
        final String[] spellings;
        final String[] exact;

        private Alias(String key, Words words) {
            this.key = key;
            int n = words.size;
            modes = new byte[n];
            stems = new String[n];
            spellings = Arrays.copyOf(words.spelling, n);
            exact = Arrays.copyOf(words.exact, n);
            boolean acronym = true;
            for (int i = 0; i < n && acronym; i++) {
                acronym = isShortAcronym(exact[i]);
            }
            for (int i = 0; i < n; i++) {
                stems[i] = aliasStem(spellings[i], words.stem[i]);
                if (acronym) {
                    modes[i] = EXACT;
                } else if (stems[i].codePointCount(0, stems[i].length()) < SHORT_STEM) {
                    modes[i] = SPELLING;
                } else {
                    modes[i] = STEM;
                }
            }
        }

        /** The alias, or null if its text has no word. */
        static Alias of(String key, String text) {
            Words words = Words.of(text, false);
            return words.size == 0 ? null : new Alias(key, words);
        }

        boolean matchesAt(Words words, int at) {
            if (at + modes.length > words.size) {
                return false;
            }
            for (int j = 0; j < modes.length; j++) {
                int i = at + j;
                boolean same = switch (modes[j]) {
                    case EXACT -> exact[j].equals(words.exact[i]);
                    case SPELLING -> spellings[j].equals(words.spelling[i]);
                    default -> stems[j].equals(words.stem[i]) || spellings[j].equals(words.spelling[i]);
                };
                if (!same) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The words of a text, each as written (possessive dropped), lowercased ({@code ё} as {@code е}) and stemmed;
     * all three null for a word of an e-mail address or handle.
     */
    private static final class Words {

        String[] exact;
        String[] spelling;
        String[] stem;
        int size;

        private Words(int capacity) {
            exact = new String[capacity];
            spelling = new String[capacity];
            stem = new String[capacity];
        }

        static Words of(String text, boolean skipAddresses) {
            int n = text.length();
            Words words = new Words(Math.max(4, n / 6));
            int[] bounds = new int[2 * words.exact.length];
            int i = 0;
            while (i < n) {
                int cp = text.codePointAt(i);
                if (!isWordChar(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
                int start = i;
                i += Character.charCount(cp);
                while (i < n) {
                    int c = text.codePointAt(i);
                    if (isWordChar(c)) {
                        i += Character.charCount(c);
                    } else if (isApostrophe(text.charAt(i)) && i + 1 < n && isWordChar(text.codePointAt(i + 1))) {
                        i++;
                    } else {
                        break;
                    }
                }
                if (words.size == words.exact.length) {
                    words.grow();
                    bounds = Arrays.copyOf(bounds, 2 * words.exact.length);
                }
                bounds[2 * words.size] = start;
                bounds[2 * words.size + 1] = i;
                words.size++;
            }
            boolean[] address = skipAddresses ? addresses(text, bounds, words.size) : null;
            for (int w = 0; w < words.size; w++) {
                if (address == null || !address[w]) {
                    words.normalise(w, text.substring(bounds[2 * w], bounds[2 * w + 1]));
                }
            }
            return words;
        }

        /** Words next to '@', and those joined to them by '.', '_', '-' or '+': e-mail addresses and handles. */
        private static boolean[] addresses(String text, int[] bounds, int size) {
            boolean[] address = null;
            int n = text.length();
            for (int w = 0; w < size; w++) {
                int start = bounds[2 * w];
                int end = bounds[2 * w + 1];
                if ((start > 0 && text.charAt(start - 1) == '@') || (end < n && text.charAt(end) == '@')) {
                    if (address == null) {
                        address = new boolean[size];
                    }
                    address[w] = true;
                }
            }
            if (address == null) {
                return null;
            }
            for (int w = 1; w < size; w++) {
                if (address[w - 1] && joined(text, bounds, w - 1)) {
                    address[w] = true;
                }
            }
            for (int w = size - 2; w >= 0; w--) {
                if (address[w + 1] && joined(text, bounds, w)) {
                    address[w] = true;
                }
            }
            return address;
        }

        /** Whether word w and the next one are separated by only one '.', '_', '-' or '+'. */
        private static boolean joined(String text, int[] bounds, int w) {
            int end = bounds[2 * w + 1];
            if (bounds[2 * w + 2] != end + 1) {
                return false;
            }
            char c = text.charAt(end);
            return c == '.' || c == '_' || c == '-' || c == '+';
        }

        private void grow() {
            exact = Arrays.copyOf(exact, exact.length * 2);
            spelling = Arrays.copyOf(spelling, spelling.length * 2);
            stem = Arrays.copyOf(stem, stem.length * 2);
        }

        private void normalise(int w, String word) {
            int cyrillic = 0;
            int latin = 0;
            for (int i = 0; i < word.length(); ) {
                int cp = word.codePointAt(i);
                if (cp < 0x80) {
                    if (Character.isLetter(cp)) {
                        latin++;
                    }
                } else if (Character.isLetter(cp)) {
                    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                    if (script == Character.UnicodeScript.CYRILLIC) {
                        cyrillic++;
                    } else if (script == Character.UnicodeScript.LATIN) {
                        latin++;
                    }
                }
                i += Character.charCount(cp);
            }
            if (cyrillic > 0 && latin > 0) {
                boolean toCyrillic = cyrillic >= latin;
                String folded = oneScript(word, toCyrillic);
                if (folded == null) {
                    toCyrillic = !toCyrillic;
                    folded = oneScript(word, toCyrillic);
                }
                if (folded != null) {
                    word = folded;
                    int letters = cyrillic + latin;
                    cyrillic = toCyrillic ? letters : 0;
                    latin = toCyrillic ? 0 : letters;
                }
            }
            if (word.indexOf('\u2019') >= 0) {
                word = word.replace('\u2019', '\'');
            }
            int n = word.length();
            if (cyrillic == 0 && n > 2 && word.charAt(n - 2) == '\''
                    && (word.charAt(n - 1) == 's' || word.charAt(n - 1) == 'S')) {
                word = word.substring(0, n - 2);
            }
            exact[w] = word;
            String lower = word.toLowerCase(Locale.ROOT);
            if (cyrillic > 0) {
                lower = lower.replace('ё', 'е');
            }
            spelling[w] = lower;
            stem[w] = cyrillic > 0 || latin > 0 ? cachedStem(lower) : lower;
        }

        /** The word spelled in one script by swapping look-alike letters, or null if it has a letter with none. */
        private static String oneScript(String word, boolean toCyrillic) {
            String from = toCyrillic ? LATIN_LOOKALIKES : CYRILLIC_LOOKALIKES;
            String to = toCyrillic ? CYRILLIC_LOOKALIKES : LATIN_LOOKALIKES;
            Character.UnicodeScript other = toCyrillic ? Character.UnicodeScript.LATIN : Character.UnicodeScript.CYRILLIC;
            StringBuilder out = new StringBuilder(word.length());
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                int k = from.indexOf(c);
                if (k >= 0) {
                    out.append(to.charAt(k));
                } else if (Character.isLetter(c) && Character.UnicodeScript.of(c) == other) {
                    return null;
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
