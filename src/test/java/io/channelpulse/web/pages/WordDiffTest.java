package io.channelpulse.web.pages;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The word diff as a table: each row is before, after and the expected segments written as {@code =same},
 * {@code +added}, {@code -removed}, separated by {@code |}.
 */
class WordDiffTest {

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("nothing changed", "The talks went well", "The talks went well",
                        "=The talks went well"),
                arguments("a word added", "The talks went well", "The talks went very well",
                        "=The talks went |+very |=well"),
                arguments("a word removed", "The talks went very well", "The talks went well",
                        "=The talks went |-very |=well"),
                arguments("a word replaced", "Talks in Vienna today", "Talks in Geneva today",
                        "=Talks in |-Vienna|+Geneva|= today"),
                arguments("a word moved", "today we met in Vienna", "we met in Vienna today",
                        "-today |=we met in Vienna|+ today"),
                arguments("Cyrillic words", "Лавров провёл переговоры в Вене", "Лавров провёл важные переговоры в Женеве",
                        "=Лавров провёл |+важные |=переговоры в |-Вене|+Женеве"),
                arguments("an emoji is a word", "Победа 🇷🇺 сегодня", "Победа 🇷🇺🎉 сегодня",
                        "=Победа |-🇷🇺|+🇷🇺🎉|= сегодня"),
                arguments("an emoji added", "Happy day", "Happy day 👨‍👩‍👧",
                        "=Happy day|+ 👨‍👩‍👧"),
                arguments("a line break instead of a space", "First line. Second line.", "First line.\nSecond line.",
                        "=First line.|- |+\n|=Second line."),
                arguments("a paragraph added", "Statement.", "Statement.\n\nUpdate: corrected.",
                        "=Statement.|+\n\nUpdate: corrected."),
                arguments("everything replaced", "old text", "new words",
                        "-old text|+new words"),
                arguments("two replacements a word apart stay two", "old good text", "new good words",
                        "-old|+new|= good |-text|+words"),
                arguments("a word removed at the end", "a b c", "a b",
                        "=a b|- c"),
                arguments("from empty", "", "A photo caption",
                        "+A photo caption"),
                arguments("to empty", "A photo caption", "",
                        "-A photo caption"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void segments(String name, String before, String after, String expected) {
        List<WordDiff.Segment> segments = WordDiff.between(before, after);
        assertThat(written(segments)).isEqualTo(expected);
        // Reading the kept and removed parts gives the old text; the kept and added parts the new one.
        assertThat(join(segments, WordDiff.Change.ADDED)).isEqualTo(before);
        assertThat(join(segments, WordDiff.Change.REMOVED)).isEqualTo(after);
    }

    private static String written(List<WordDiff.Segment> segments) {
        return segments.stream().map(s -> switch (s.change()) {
            case SAME -> "=";
            case ADDED -> "+";
            case REMOVED -> "-";
        } + s.text()).collect(Collectors.joining("|"));
    }

    private static String join(List<WordDiff.Segment> segments, WordDiff.Change without) {
        return segments.stream().filter(s -> s.change() != without).map(WordDiff.Segment::text).collect(Collectors.joining());
    }
}
