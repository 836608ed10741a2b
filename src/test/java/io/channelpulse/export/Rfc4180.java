package io.channelpulse.export;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A strict RFC 4180 reader for tests, written apart from the production writer so the two check each other:
 * records end in CRLF, fields are separated by commas, a quoted field may hold commas, CR, LF and doubled
 * quotes. Anything else (a bare LF between records, a quote inside an unquoted field, text after a closing
 * quote) is an error.
 */
public final class Rfc4180 {

    private Rfc4180() {
    }

    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        read(new StringReader(text), records::add);
        return records;
    }

    /** Calls {@code each} for every record as it is read, keeping only the current one. */
    static void read(Reader in, Consumer<List<String>> each) {
        try {
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int c = in.read();
            if (c == -1) {
                return;
            }
            while (true) {
                if (c == '"') {
                    // quoted field
                    while (true) {
                        c = in.read();
                        if (c == -1) {
                            throw new IllegalArgumentException("unterminated quoted field: " + field);
                        }
                        if (c == '"') {
                            c = in.read();
                            if (c == '"') {
                                field.append('"');
                                continue;
                            }
                            break;
                        }
                        field.append((char) c);
                    }
                } else {
                    while (c != ',' && c != '\r' && c != -1) {
                        if (c == '"' || c == '\n') {
                            throw new IllegalArgumentException("bare " + (c == '"' ? "quote" : "LF")
                                    + " in unquoted field after: " + field);
                        }
                        field.append((char) c);
                        c = in.read();
                    }
                }
                record.add(field.toString());
                field.setLength(0);
                if (c == ',') {
                    c = in.read();
                    continue;
                }
                if (c == '\r') {
                    if (in.read() != '\n') {
                        throw new IllegalArgumentException("CR not followed by LF after record " + record);
                    }
                    each.accept(record);
                    record = new ArrayList<>();
                    c = in.read();
                    if (c == -1) {
                        return;
                    }
                    continue;
                }
                if (c == -1) {
                    throw new IllegalArgumentException("last record does not end in CRLF: " + record);
                }
                throw new IllegalArgumentException("unexpected '" + (char) c + "' after a quoted field in " + record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
