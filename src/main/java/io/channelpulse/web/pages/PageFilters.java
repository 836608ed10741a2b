package io.channelpulse.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters every page takes and keeps in its links: range or from/to, bucket, channels. Templates build
 * their links from it, so any view can be shared as a URL.
 */
public record PageFilters(String range, String from, String to, String bucket, List<String> channels) {

    public static final List<String> RANGES = List.of("7d", "30d", "90d", "1y", "all");
    public static final List<String> BUCKETS = List.of("hour", "day", "week", "month");

    static PageFilters of(String range, String from, String to, String bucket, List<String> channels) {
        return new PageFilters(blankToNull(range), blankToNull(from), blankToNull(to), blankToNull(bucket),
                channels == null ? List.of() : channels.stream().filter(c -> c != null && !c.isBlank()).toList());
    }

    /** The query string of these filters, e.g. {@code range=30d&bucket=week&channel=EmbUSA}. */
    public String query() {
        return encode(parameters());
    }

    /** The query string with one filter changed; choosing a range drops from/to and the other way round. */
    public String with(String name, String value) {
        Map<String, List<String>> parameters = parameters();
        if (name.equals("range")) {
            parameters.remove("from");
            parameters.remove("to");
        }
        parameters.put(name, value == null ? List.of() : List.of(value));
        return encode(parameters);
    }

    /** Which range link is the current one; 30d when the page names no period. */
    public boolean isRange(String candidate) {
        return candidate.equals(range == null && from == null && to == null ? "30d" : range);
    }

    /** The bucket the page was asked for; none is selected when the page picks one by the period's length. */
    public boolean isBucket(String candidate) {
        return candidate.equals(bucket);
    }

    public String channelList() {
        return String.join(", ", channels);
    }

    private Map<String, List<String>> parameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        put(parameters, "range", range);
        put(parameters, "from", from);
        put(parameters, "to", to);
        put(parameters, "bucket", bucket);
        parameters.put("channel", new ArrayList<>(channels));
        return parameters;
    }

    private static void put(Map<String, List<String>> parameters, String name, String value) {
        if (value != null) {
            parameters.put(name, List.of(value));
        }
    }

    private static String encode(Map<String, List<String>> parameters) {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, values) -> values.forEach(value ->
                pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return String.join("&", pairs);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
