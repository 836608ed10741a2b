package io.channelpulse.web.pages;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changed between two versions of a post, word by word. Texts are split into words and the whitespace between
 * them (line breaks included), so a diff never cuts a word and the joined segments give back either text exactly.
 * java-diff-utils (Myers) finds the smallest set of removed and added words; a moved word is one removed where it
 * was and added where it went.
 */
public final class WordDiff {

    public enum Change { SAME, ADDED, REMOVED }

    /** A run of text that stayed, was added or was removed. */
    public record Segment(Change change, String text) {

        public boolean added() {
            return change == Change.ADDED;
        }

        public boolean removed() {
            return change == Change.REMOVED;
        }
    }

    // Code points, so a Cyrillic word or an emoji (with its joiners and modifiers) stays one word.
    private static final Pattern TOKEN = Pattern.compile("\\s+|\\S+", Pattern.UNICODE_CHARACTER_CLASS);

    private WordDiff() {
    }

    /**
     * The segments that turn {@code before} into {@code after}, in reading order; at a change, what was removed comes
     * before what was added. Replacements only a space apart are read as one ("-old text +new words", not four pieces).
     */
    public static List<Segment> between(String before, String after) {
        List<String> from = tokens(before);
        List<String> to = tokens(after);
        List<Segment> segments = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int position = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(from, to).getDeltas()) {
            int start = delta.getSource().getPosition();
            List<String> same = from.subList(position, start);
            boolean betweenReplacements = !removed.isEmpty() && !added.isEmpty()
                    && delta.getSource().size() > 0 && delta.getTarget().size() > 0;
            if (betweenReplacements && same.size() == 1 && same.get(0).isBlank()) {
                removed.addAll(same);
                added.addAll(same);
            } else {
                flush(segments, removed, added);
                append(segments, Change.SAME, same);
            }
            removed.addAll(delta.getSource().getLines());
            added.addAll(delta.getTarget().getLines());
            position = start + delta.getSource().size();
        }
        flush(segments, removed, added);
        append(segments, Change.SAME, from.subList(position, from.size()));
        return segments;
    }

    private static void flush(List<Segment> segments, List<String> removed, List<String> added) {
        append(segments, Change.REMOVED, removed);
        append(segments, Change.ADDED, added);
        removed.clear();
        added.clear();
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text == null ? "" : text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static void append(List<Segment> segments, Change change, List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        String text = String.join("", tokens);
        Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (last != null && last.change() == change) {
            segments.set(segments.size() - 1, new Segment(change, last.text() + text));
        } else {
            segments.add(new Segment(change, text));
        }
    }
}
