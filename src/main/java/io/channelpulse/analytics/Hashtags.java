package io.channelpulse.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Hashtags in a post's text: {@code #OSCE}, {@code #osce} and {@code #Osce} are one topic, key {@code osce}. */
public final class Hashtags {

    // A tag is '#' and letters, marks, numbers or '_', with none of those nor '&' before the '#': '&' before '#' is
    // an HTML character reference such as "&#123;", not a tag; marks (\p{M}) belong to words in scripts such as
    // Devanagari.
    private static final int TAG_TYPES = (1 << Character.UPPERCASE_LETTER) | (1 << Character.LOWERCASE_LETTER)
            | (1 << Character.TITLECASE_LETTER) | (1 << Character.MODIFIER_LETTER) | (1 << Character.OTHER_LETTER)
            | (1 << Character.NON_SPACING_MARK) | (1 << Character.ENCLOSING_MARK)
            | (1 << Character.COMBINING_SPACING_MARK) | (1 << Character.DECIMAL_DIGIT_NUMBER)
            | (1 << Character.LETTER_NUMBER) | (1 << Character.OTHER_NUMBER);

    private Hashtags() {
    }

    /** A letter, mark, number ({@code \p{L}}, {@code \p{M}}, {@code \p{N}}) or '_'. */
    private static boolean isTagChar(int codePoint) {
        return codePoint == '_' || (TAG_TYPES >> Character.getType(codePoint) & 1) != 0;
    }

    /** The distinct topic keys, lowercased and sorted. */
    public static List<String> keys(String text) {
        TreeSet<String> keys = new TreeSet<>();
        for (String spelling : spellings(text)) {
            keys.add(spelling.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(keys);
    }

    /** Every tag as written, without '#', in order of appearance and repeats included, to label a topic by its most frequent spelling. */
    public static List<String> spellings(String text) {
        List<String> tags = new ArrayList<>();
        // Most posts have no tag; the regex would still try its look-behind at every character.
        if (text == null || text.indexOf('#') < 0) {
            return tags;
        }
        // The regex's scan for '#' cost more than the rest of counting a post: '#' is found with indexOf, and the
        // look-behind and the tag's characters are checked by hand, code point by code point.
        for (int hash = text.indexOf('#'); hash >= 0; hash = text.indexOf('#', hash + 1)) {
            if (hash > 0) {
                int before = text.codePointBefore(hash);
                if (isTagChar(before) || before == '&') {
                    continue;
                }
            }
            int end = hash + 1;
            while (end < text.length() && isTagChar(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            if (end > hash + 1) {
                String tag = text.substring(hash + 1, end);
                if (!tag.chars().allMatch(Character::isDigit)) {
                    tags.add(tag);
                }
            }
        }
        return tags;
    }
}
