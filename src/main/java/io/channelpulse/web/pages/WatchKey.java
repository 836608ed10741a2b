package io.channelpulse.web.pages;

import java.text.Normalizer;
import java.util.Locale;

/** A watchlist key suggested for a name: its words in ASCII (Cyrillic transliterated), joined by underscores. */
final class WatchKey {

    private static final String CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ";
    private static final String[] LATIN = {"a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
            "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi",
            "ye", "g"};
    private static final int MAX = 40;

    private WatchKey() {
    }

    static String of(String name) {
        StringBuilder key = new StringBuilder();
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int cyrillic = CYRILLIC.indexOf(c);
            // a Latin letter with an accent is the letter and a mark once decomposed; й must stay whole
            char base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).charAt(0);
            if (cyrillic >= 0) {
                key.append(LATIN[cyrillic]);
            } else if ((base >= 'a' && base <= 'z') || (base >= '0' && base <= '9')) {
                key.append(base);
            } else if (Character.isWhitespace(c) || c == '-' || c == '_') {
                if (!key.isEmpty() && key.charAt(key.length() - 1) != '_') {
                    key.append('_');
                }
            }
        }
        String cut = key.length() > MAX ? key.substring(0, MAX) : key.toString();
        cut = cut.replaceAll("^_+|_+$", "");
        return cut.isEmpty() ? "name" : cut;
    }
}
