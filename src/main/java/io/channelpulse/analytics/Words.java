package io.channelpulse.analytics;

import java.util.Arrays;
import java.util.Locale;

/**
 * The words of a text in the three forms an alias is compared by, read once so that matching is one pass over
 * arrays: each as written (possessive dropped), lowercased ({@code ё} as {@code е}) and stemmed; all three null for
 * a word of an e-mail address or handle.
 */
final class Words {

    private static final int WORD_TYPES = (1 << Character.UPPERCASE_LETTER) | (1 << Character.LOWERCASE_LETTER)
            | (1 << Character.TITLECASE_LETTER) | (1 << Character.MODIFIER_LETTER) | (1 << Character.OTHER_LETTER)
            | (1 << Character.NON_SPACING_MARK) | (1 << Character.ENCLOSING_MARK)
            | (1 << Character.COMBINING_SPACING_MARK) | (1 << Character.DECIMAL_DIGIT_NUMBER)
            | (1 << Character.LETTER_NUMBER) | (1 << Character.OTHER_NUMBER);

    // Letters that look the same in Latin and Cyrillic, case kept.
    private static final String LATIN_LOOKALIKES = "ABCEHKMOPTXYaceopxyk";
    private static final String CYRILLIC_LOOKALIKES = "АВСЕНКМОРТХУасеорхук";

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
        stem[w] = cyrillic > 0 || latin > 0 ? Stems.cached(lower) : lower;
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

    private static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        return ((WORD_TYPES >> Character.getType(cp)) & 1) != 0;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }
}
