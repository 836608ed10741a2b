package io.channelpulse.analytics;

import java.util.Arrays;

/**
 * One way an entity is named, read once when the watchlist is built so that a post pays only for comparing: its
 * words, each compared by stem, by lowercase spelling or exactly.
 */
final class Alias {

    static final int SHORT_ACRONYM = 3;
    static final int SHORT_STEM = 4;

    private static final String RUSSIAN_NOT_CONSONANTS = "аеёиоуыэюяьъй";

    // How an alias word is compared with a word of the text.
    static final byte STEM = 0; // same stem, or same lowercase spelling
    static final byte SPELLING = 1; // same lowercase spelling
    static final byte EXACT = 2; // same spelling, case included

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

    /**
     * The stem an alias word is matched by: a Russian word that ends in a consonant and whose inflected form
     * ({@code Лаврова}) stems back to the whole word is its own stem ({@code лавров}, not Snowball's {@code лавр}).
     */
    private static String aliasStem(String spelling, String stem) {
        char last = spelling.charAt(spelling.length() - 1);
        if (!stem.equals(spelling) && Character.UnicodeScript.of(last) == Character.UnicodeScript.CYRILLIC
                && Character.isLetter(last) && RUSSIAN_NOT_CONSONANTS.indexOf(last) < 0
                && Stems.russian(spelling + "а").equals(spelling)) {
            return spelling;
        }
        return stem;
    }
}
