package io.channelpulse.export;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes CSV rows (RFC 4180: UTF-8, CRLF line ends) to a stream as they come, so an export never holds more
 * than a buffer of its body. Build a row with {@link #text}, {@link #plain} and {@link #number}, end it with
 * {@link #endRow()}; or write a whole row of text with {@link #row(String...)}.
 */
public final class CsvWriter implements Flushable {

    private static final int BUFFER = 16 * 1024;

    private final Writer out;
    private boolean rowStarted;

    public CsvWriter(OutputStream out) {
        this(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    public CsvWriter(Writer out) {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, BUFFER);
    }

    /** A row of untrusted text cells (a header, say). */
    public CsvWriter row(String... cells) throws IOException {
        for (String cell : cells) {
            text(cell);
        }
        return endRow();
    }

    /** Untrusted text, formula-guarded and quoted where needed (see {@link CsvCell#text}). */
    public CsvWriter text(String value) throws IOException {
        return cell(CsvCell.text(value));
    }

    /** Space-separated list of untrusted words, as one guarded cell. */
    public CsvWriter words(List<String> values) throws IOException {
        return text(values == null || values.isEmpty() ? "" : String.join(" ", values));
    }

    /** A value formatted by us (a time, a URL we built): quoted where needed, not guarded. */
    public CsvWriter plain(String value) throws IOException {
        return cell(CsvCell.plain(value));
    }

    /** A whole number; null is an empty cell. */
    public CsvWriter number(Long value) throws IOException {
        return cell(value == null ? "" : value.toString());
    }

    public CsvWriter number(long value) throws IOException {
        return cell(Long.toString(value));
    }

    /** A decimal without exponent ({@code 1.5}, {@code -0.71}, {@code 0.0}). */
    public CsvWriter number(double value) throws IOException {
        return cell(Double.isFinite(value) ? BigDecimal.valueOf(value).toPlainString() : "");
    }

    public CsvWriter bool(boolean value) throws IOException {
        return cell(value ? "true" : "false");
    }

    public CsvWriter endRow() throws IOException {
        out.write("\r\n");
        rowStarted = false;
        return this;
    }

    private CsvWriter cell(String encoded) throws IOException {
        if (rowStarted) {
            out.write(',');
        }
        out.write(encoded);
        rowStarted = true;
        return this;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
