package io.channelpulse.export;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** RFC 4180 quoting and the formula guard of one cell. */
class CsvCellTest {

    static Stream<Arguments> textCells() {
        return Stream.of(
                arguments("plain text", "Hello world", "Hello world"),
                arguments("empty", "", ""),
                arguments("null", null, ""),
                arguments("unicode", "Лавров 🇷🇺 加入频道", "Лавров 🇷🇺 加入频道"),
                arguments("comma", "a,b", "\"a,b\""),
                arguments("quotes doubled", "say \"hi\"", "\"say \"\"hi\"\"\""),
                arguments("only a quote", "\"", "\"\"\"\""),
                arguments("line feed", "line\nbreak", "\"line\nbreak\""),
                arguments("CRLF inside", "a\r\nb", "\"a\r\nb\""),
                arguments("CR inside", "a\rb", "\"a\rb\""),
                arguments("formula", "=SUM(A1)", "'=SUM(A1)"),
                arguments("formula with comma", "=SUM(A1,B1)", "\"'=SUM(A1,B1)\""),
                arguments("formula with quotes", "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
                arguments("plus", "+1", "'+1"),
                arguments("minus", "-2", "'-2"),
                arguments("at", "@handle", "'@handle"),
                arguments("leading tab", "\tx", "'\tx"),
                arguments("leading CR", "\rx", "\"'\rx\""),
                arguments("a tab inside is fine", "a\tb", "a\tb"),
                arguments("guard chars later are fine", "a=b+c-d@e", "a=b+c-d@e"),
                arguments("single quote first stays", "'quoted", "'quoted"),
                arguments("spaces kept", "  padded  ", "  padded  "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textCells")
    void textIsGuardedThenQuoted(String name, String value, String expected) {
        assertThat(CsvCell.text(value)).isEqualTo(expected);
    }

    static Stream<Arguments> plainCells() {
        return Stream.of(
                arguments("negative number", "-0.71", "-0.71"),
                arguments("time", "2023-05-16T09:12:41Z", "2023-05-16T09:12:41Z"),
                arguments("null", null, ""),
                arguments("still quoted", "a,\"b\"", "\"a,\"\"b\"\"\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainCells")
    void ourOwnValuesAreQuotedButNotGuarded(String name, String value, String expected) {
        assertThat(CsvCell.plain(value)).isEqualTo(expected);
    }
}
