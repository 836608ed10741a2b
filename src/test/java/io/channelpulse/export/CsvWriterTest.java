package io.channelpulse.export;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole rows: separators, CRLF, UTF-8, typed cells, and that they read back with an independent parser. */
class CsvWriterTest {

    @Test
    void rowsEndInCrlfAndCellsAreSeparatedByCommas() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter csv = new CsvWriter(bytes);
        csv.row("a", "b", "c");
        csv.text("x,y").number(-3L).number((Long) null).bool(true).number(-0.71).number(0.0).words(List.of("osce", "nato"))
                .endRow();
        csv.flush();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("a,b,c\r\n\"x,y\",-3,,true,-0.71,0.0,osce nato\r\n");
    }

    @Test
    void textIsUtf8() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter csv = new CsvWriter(bytes);
        csv.row("Лавров", "🇷🇺");
        csv.flush();
        assertThat(bytes.toByteArray()).isEqualTo("Лавров,🇷🇺\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void awkwardRowsReadBackAsWritten() throws IOException {
        List<String> row = Arrays.asList("a,b", "say \"hi\"", "two\n\nlines & more", "\r\nx", "", "plain", "end\r");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter csv = new CsvWriter(bytes);
        csv.row("h1", "h2", "h3", "h4", "h5", "h6", "h7");
        csv.row(row.toArray(String[]::new));
        csv.flush();
        List<List<String>> parsed = Rfc4180.parse(bytes.toString(StandardCharsets.UTF_8));
        assertThat(parsed).hasSize(2);
        // "\r\nx" starts with CR, so it comes back with the guard's quote in front
        assertThat(parsed.get(1)).containsExactly("a,b", "say \"hi\"", "two\n\nlines & more", "'\r\nx", "", "plain", "end\r");
    }
}
