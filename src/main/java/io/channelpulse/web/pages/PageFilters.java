package io.channelpulse.web.pages;

import io.channelpulse.web.Filters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters every page takes and keeps in its links: range or from/to, bucket, channels. Templates build
 * their links from it, so any view can be shared as a URL. {@code own} holds the filters only one page takes
 * (the network's {@code kind}, its table orders): links to that page keep them, links to other pages do not.
 */
public record PageFilters(String range, String from, String to, String bucket, List<String> channels,
                          Map<String, String> own) {

    public static final List<String> RANGES = List.of("7d", "30d", "90d", "1y", "all");
    public static final List<String> BUCKETS = List.of("hour", "day", "week", "month");

    /** The shared filters a page was asked for, with its bucket. */
    static PageFilters of(Filters asked, String bucket) {
        return of(asked.range(), asked.from(), asked.to(), bucket, asked.channels());
    }

    static PageFilters of(String range, String from, String to, String bucket, List<String> channels) {
        return of(range, from, to, bucket, channels, Map.of());
    }

    /** With the page's own filters; blank ones are left out. */
    static PageFilters of(String range, String from, String to, String bucket, List<String> channels,
                          Map<String, String> own) {
        Map<String, String> kept = new LinkedHashMap<>();
        own.forEach((name, value) -> {
            if (blankToNull(value) != null) {
                kept.put(name, value.strip());
            }
        });
        return new PageFilters(blankToNull(range), blankToNull(from), blankToNull(to), blankToNull(bucket),
                channels == null ? List.of() : channels.stream().filter(c -> c != null && !c.isBlank()).toList(),
                kept);
    }

    /** The query string of the shared filters (for links to any page), e.g. {@code range=30d&bucket=week&channel=EmbUSA}. */
    public String query() {
        return encode(parameters());
    }

    /** The query string of the shared filters but one, e.g. for a channel's page, which is about one channel. */
    public String queryWithout(String name) {
        Map<String, List<String>> parameters = parameters();
        parameters.remove(name);
        return encode(parameters);
    }

    /**
     * The query string of a link to this same page with one filter changed, the page's own filters kept;
     * choosing a range drops from/to and the other way round.
     */
    public String with(String name, String value) {
        Map<String, List<String>> parameters = parameters();
        own.forEach((key, kept) -> parameters.put(key, List.of(kept)));
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
