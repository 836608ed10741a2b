package io.channelpulse.terms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One pass over a text, apart from {@link TermExtractor} because it holds the state of that pass (the name run,
 * whether a sentence starts) and is made afresh for each text.
 */
final class TermScan {

    private static final int MAX_NAME_WORDS = 3;

    private static final String[] URL_ENDINGS = {".com", ".org", ".net", ".ru", ".рф", ".me", ".io", ".ua", ".by",
            ".kz", ".info", ".gov", ".int", ".edu", ".news", ".tv", ".uk", ".de", ".fr", ".eu"};

    private final String text;
    private final Map<String, Term> words = new LinkedHashMap<>();
    private final Map<String, Term> names = new LinkedHashMap<>();
    private final List<String> run = new ArrayList<>(MAX_NAME_WORDS + 1);
    private final List<String> runStems = new ArrayList<>(MAX_NAME_WORDS + 1);
    private final List<Boolean> runStops = new ArrayList<>(MAX_NAME_WORDS + 1);
    private boolean runAtSentenceStart;
    private boolean sentenceStart = true;

    TermScan(String text) {
        this.text = text;
    }

    List<Term> run() {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (c == '\n') {
                    endRun();
                    sentenceStart = true;
                }
                i++;
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            chunk(i, end);
            i = end;
        }
        endRun();
        List<Term> terms = new ArrayList<>(words.size() + names.size());
        terms.addAll(words.values());
        terms.addAll(names.values());
        return terms;
    }

    /** Text between two spaces. */
    private void chunk(int from, int to) {
        boolean handle = false;
        boolean dot = false;
        for (int k = from; k < to && !handle; k++) {
            char c = text.charAt(k);
            handle = c == '@';
            dot |= c == '.';
        }
        if (handle || dot && isUrl(text.substring(from, to))) {
            endRun();
            sentenceStart = false;
            return;
        }
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (isLetter(c) || Character.isDigit(c)) {
                int end = wordEnd(i, to);
                boolean tag = i > from && text.charAt(i - 1) == '#';
                if (tag) {
                    endRun();
                    sentenceStart = false;
                } else {
                    word(text.substring(i, end));
                }
                i = end;
                continue;
            }
            endRun();
            if (endsSentence(c)) {
                sentenceStart = true;
            }
            i++;
        }
    }

    private int wordEnd(int from, int to) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (isLetter(c) || Character.isDigit(c)) {
                i++;
            } else if (isJoiner(c) && i + 1 < to && isLetter(text.charAt(i + 1))) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    private void word(String written) {
        boolean atStart = sentenceStart;
        sentenceStart = false;
        WrittenWords.Written word = WrittenWords.written(written);
        if (word == null) {
            endRun();
            return;
        }
        if (word.term() == null) {
            // a capitalised stop word inside a run is part of a title-case headline ("Putin In Geneva")
            if (word.capital() && !run.isEmpty()) {
                addToRun(word.surface(), word.lower(), true);
            } else {
                endRun();
            }
            return;
        }
        words.putIfAbsent(word.term().key(), word.term());
        if (!word.capital()) {
            endRun();
            return;
        }
        if (run.isEmpty()) {
            runAtSentenceStart = atStart;
        }
        addToRun(word.surface(), word.term().key(), false);
    }

    private void addToRun(String surface, String stem, boolean stop) {
        run.add(surface);
        runStems.add(stem);
        runStops.add(stop);
    }

    /**
     * The run of capitalised words ends. Trailing stop words are not part of it; at a sentence start its first
     * word may be capitalised only for the sentence, so it is left off unless the run is a short name as it is.
     */
    private void endRun() {
        int to = run.size();
        while (to > 0 && runStops.get(to - 1)) {
            to--;
        }
        int from = 0;
        if (runAtSentenceStart && (to == 1 || to > MAX_NAME_WORDS)) {
            from = 1;
        }
        if (to - from >= 1 && to - from <= MAX_NAME_WORDS) {
            String key = String.join(" ", runStems.subList(from, to));
            names.putIfAbsent(key, new Term(Term.NAME, key, String.join(" ", run.subList(from, to))));
        }
        run.clear();
        runStems.clear();
        runStops.clear();
    }

    private static boolean isLetter(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        // Cyrillic, most of the text read: letters and combining marks but for the thousands sign
        if (c >= 0x0400 && c <= 0x04FF) {
            return c != 0x0482;
        }
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isJoiner(char c) {
        return c == '\'' || c == '\u2019' || c == '-';
    }

    private static boolean endsSentence(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    /** Whether a chunk with a dot in it is a URL. */
    private static boolean isUrl(String chunk) {
        String lower = chunk.toLowerCase(Locale.ROOT);
        if (lower.contains("://") || lower.startsWith("www.") || lower.contains("t.me/")) {
            return true;
        }
        int slash = lower.indexOf('/');
        int end = slash < 0 ? lower.length() : slash;
        while (slash < 0 && end > 0 && !Character.isLetterOrDigit(lower.charAt(end - 1))) {
            end--;
        }
        String host = lower.substring(0, end);
        for (String ending : URL_ENDINGS) {
            if (host.endsWith(ending) && host.length() > ending.length()) {
                return true;
            }
        }
        return false;
    }
}
