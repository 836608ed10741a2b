package io.channelpulse.export;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A download's file name that says what is in it, e.g.
 * {@code channel-pulse-posts-EmbUSA-2023-05-01-to-2023-05-31.csv}: the file, what it counts, the channels
 * and the period ({@code all} when unbounded), in characters that are safe in every file system and header.
 */
public final class ExportFileName {

    /** More channels than this are named by their number, so the name stays short. */
    static final int MAX_NAMED_CHANNELS = 3;

    private static final Pattern UNSAFE_ASCII = Pattern.compile("[^A-Za-z0-9_.-]+");
    private static final Pattern UNSAFE_UNICODE = Pattern.compile("[^\\p{L}\\p{N}_.-]+");
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final List<String> parts = new ArrayList<>();

    private String extension = "csv";

    private ExportFileName(String file) {
        parts.add("channel-pulse");
        parts.add(file);
    }

    /** {@code posts}, {@code series} or {@code top}. */
    public static ExportFileName of(String file) {
        return new ExportFileName(file);
    }

    /** The file's extension when it is not CSV, such as {@code gexf}. */
    public ExportFileName extension(String extension) {
        this.extension = extension;
        return this;
    }

    /** A word of the name (a metric, a key, a bucket); skipped when blank. */
    public ExportFileName with(String word) {
        if (word != null && !word.isBlank()) {
            parts.add(word.strip());
        }
        return this;
    }

    public ExportFileName channels(List<String> handles) {
        if (handles == null || handles.isEmpty()) {
            return this;
        }
        if (handles.size() > MAX_NAMED_CHANNELS) {
            parts.add(handles.size() + "-channels");
        } else {
            parts.addAll(handles);
        }
        return this;
    }

    /** A period from {@code from} (inclusive) to {@code to} (exclusive); null ends are open. */
    public record Period(Instant from, Instant to, ZoneId zone) {
    }

    public ExportFileName period(Period period) {
        return period(period.from(), period.to(), period.zone());
    }

    /**
     * The period from {@code from} (inclusive) to {@code to} (exclusive), as the dates it covers in the zone when
     * it is made of whole days, else as UTC times; {@code all} when both ends are open.
     */
    public ExportFileName period(Instant from, Instant to, ZoneId zone) {
        if (from == null && to == null) {
            parts.add("all");
        } else if (to == null) {
            parts.add("from-" + start(from, zone));
        } else if (from == null) {
            parts.add("to-" + end(to, zone));
        } else {
            parts.add(start(from, zone) + "-to-" + end(to, zone));
        }
        return this;
    }

    /** The ASCII name for {@code filename="…"}: each run of other characters becomes one {@code _}. */
    public String ascii() {
        return build(UNSAFE_ASCII);
    }

    /** The name with letters and digits of any script, for {@code filename*=UTF-8''…}. */
    public String unicode() {
        return build(UNSAFE_UNICODE);
    }

    /** The Content-Disposition value; adds an RFC 6266 {@code filename*} when the ASCII name lost characters. */
    public String contentDisposition() {
        String ascii = ascii();
        String unicode = unicode();
        String header = "attachment; filename=\"" + ascii + "\"";
        if (!unicode.equals(ascii)) {
            header += "; filename*=UTF-8''" + URLEncoder.encode(unicode, StandardCharsets.UTF_8).replace("+", "%20");
        }
        return header;
    }

    private String build(Pattern unsafe) {
        List<String> safe = parts.stream().map(part -> unsafe.matcher(part).replaceAll("_")).toList();
        return String.join("-", safe) + "." + extension;
    }

    private static String start(Instant from, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(from, zone);
        return day.atStartOfDay(zone).toInstant().equals(from) ? day.toString() : MOMENT.format(from);
    }

    private static String end(Instant to, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(to, zone);
        // An exclusive end at midnight covers the day before it.
        return day.atStartOfDay(zone).toInstant().equals(to) ? day.minusDays(1).toString() : MOMENT.format(to);
    }
}
