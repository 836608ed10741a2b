package io.channelpulse.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
 * <li>A stem of fewer than {@value Alias#SHORT_STEM} letters is too common to match on ({@code НАТО} stems to {@code нат},
 * as does the name {@code Ната}; {@code Китая} to {@code кит}, as does "whale"), so such an alias word matches only
 * its own spelling, in any case.</li>
 * <li>A Russian alias word ending in a consonant whose inflected form stems back to the whole word is a name that
 * declines by adding endings ({@code Лавров}: {@code Лаврова}, {@code Лаврову} stem to {@code лавров}), so that whole
 * word is its stem rather than the shorter one Snowball gives the bare word ({@code лавр}, as for {@code Лавра} and
 * {@code лавры}).</li>
 * </ul>
 * An alias made of short capitalised acronyms (at most {@value Alias#SHORT_ACRONYM} letters each: {@code US},
 * {@code UN}, {@code EU}, {@code США}, {@code ООН}, {@code U.S.}) matches only that exact spelling, so "us" and "un"
 * in running text do not count; longer ones ({@code NATO}, {@code ОБСЕ}) match in any case.
 *
 * <p>A word directly before or after {@code @}, and the words joined to it by {@code .}, {@code _}, {@code -} or
 * {@code +}, are an e-mail address or a {@code @handle} and never name an entity ({@code lavrov@mid.ru},
 * {@code press@nato.int}); handles are counted by {@link HandleMentions}.
 *
 * <p>Built once for a watchlist; immutable and safe to share between threads. Matching is one pass over the words
 * ({@link Words}), looking aliases ({@link Alias}) up by their first word; stems are {@link Stems}' job.
 */
public final class NameMatcher {

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
                    case Alias.EXACT -> add(byExact, alias.exact[0], alias);
                    case Alias.SPELLING -> add(bySpelling, alias.spellings[0], alias);
                    default -> {
                        add(byStem, alias.stems[0], alias);
                        // a name whose stem is the whole word: its bare form stems shorter
                        if (!alias.stems[0].equals(Stems.of(alias.spellings[0]))) {
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
}
