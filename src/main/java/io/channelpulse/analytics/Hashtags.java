package io.channelpulse.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hashtags in a post's text: {@code #OSCE}, {@code #osce} and {@code #Osce} are one topic, key {@code osce}. */
public final class Hashtags {

    // '&' before '#' is an HTML character reference such as "&#123;", not a tag; marks (\p{M}) belong to
    // words in scripts such as Devanagari.
    private static final Pattern TAG = Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}_&])#([\\p{L}\\p{M}\\p{N}_]+)");

    private Hashtags() {
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
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            String tag = m.group(1);
            if (!tag.chars().allMatch(Character::isDigit)) {
                tags.add(tag);
            }
        }
        return tags;
    }
}
