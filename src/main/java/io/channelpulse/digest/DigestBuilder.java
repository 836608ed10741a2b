package io.channelpulse.digest;

import io.channelpulse.analytics.TopEntry;
import io.channelpulse.spikes.Spike;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Turns the numbers of a day into a {@link Digest}; no database, no clock, so it is tested on its own. */
public final class DigestBuilder {

    /** Days before D the change is measured against. */
    public static final int BASELINE_DAYS = 7;
    static final int EXCERPT = 200;
    static final int RISING = 5;

    /** A channel's posts and views on the day. */
    public record ChannelCount(String handle, long posts, long views) {
    }

    /** A post of the day. */
    public record DayPost(String channel, long id, Instant publishedAt, String text, Long views) {
    }

    /** A channel's posts we noticed deleted, and posts whose edit we saw, on the day. */
    public record ChannelChanges(String handle, long deleted, long edited) {
    }

    /**
     * @param channels the subscriber's channel filter, null for every channel
     * @param changes  deletions and edits noticed on the day, by channel
     * @param topics   top topics of D, {@code previous} being the sum over the {@link #BASELINE_DAYS} days before
     * @param mentions top watched names of D, likewise
     * @param spikes   the day's spikes, strongest first
     */
    public Digest build(LocalDate day, ZoneId zone, String publicUrl, List<String> channels,
                        List<ChannelCount> channelCounts, List<TopEntry> topics, List<TopEntry> mentions,
                        List<DayPost> posts, List<ChannelChanges> changes, List<Spike> spikes,
                        int limit) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        String range = "from=" + day + "&to=" + day;
        String channelParams = channels == null ? "" : channels.stream().map(c -> "&channel=" + encode(c))
                .reduce("", String::concat);
        long total = channelCounts.stream().mapToLong(ChannelCount::posts).sum();
        List<Digest.ChannelLine> channelLines = channelCounts.stream().filter(c -> c.posts() > 0)
                .map(c -> new Digest.ChannelLine(c.handle(), c.posts(), c.views(),
                        base + "/channels/" + encode(c.handle()) + "?" + range))
                .toList();
        List<Digest.TermLine> topicLines = terms("topic", topics, base + "/topics/", "?" + range + channelParams);
        List<Digest.TermLine> mentionLines = terms("mention", mentions, base + "/mentions/", "?" + range + channelParams);
        List<Digest.TermLine> rising = new ArrayList<>();
        rising.addAll(topicLines);
        rising.addAll(mentionLines);
        rising = rising.stream().filter(t -> t.score() > 0)
                .sorted(Comparator.comparingDouble(Digest.TermLine::score).reversed()
                        .thenComparing(Comparator.comparingLong(Digest.TermLine::count).reversed())
                        .thenComparing(Digest.TermLine::key))
                .limit(RISING).toList();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(zone);
        List<Digest.PostLine> postLines = posts.stream().limit(limit)
                .map(p -> new Digest.PostLine(p.channel(), p.id(), "https://t.me/" + p.channel() + "/" + p.id(),
                        base + "/posts/" + encode(p.channel()) + "/" + p.id(), time.format(p.publishedAt()), p.views(), excerpt(p.text())))
                .toList();
        List<Digest.ChangeLine> changeLines = changes.stream().filter(c -> c.deleted() > 0 || c.edited() > 0)
                .map(c -> new Digest.ChangeLine(c.handle(), c.deleted(), c.edited(),
                        base + "/channels/" + encode(c.handle()) + "#recently-deleted",
                        base + "/channels/" + encode(c.handle()) + "#recently-edited"))
                .toList();
        List<Digest.SpikeLine> spikeLines = spikes.stream().limit(limit).map(s -> new Digest.SpikeLine(s.metric(),
                s.label(), s.count(), format(s.expected()), switch (s.metric()) {
                    case "topic" -> base + "/topics/" + encode(s.key()) + "?" + range + channelParams;
                    case "mention" -> base + "/mentions/" + encode(s.key()) + "?" + range + channelParams;
                    default -> base + "/?" + range + channelParams + "#spikes";
                }, s.posts())).toList();
        String note = channels == null ? "all channels" : channels.isEmpty() ? "no channels"
                : String.join(", ", channels.stream().map(c -> "@" + c).toList());
        return new Digest(day, "Channel Pulse digest for " + day, base + "/?" + range + channelParams, note,
                total == 0, total, channelLines, topicLines.stream().limit(limit).toList(),
                mentionLines.stream().limit(limit).toList(), rising, postLines,
                changeLines.stream().mapToLong(Digest.ChangeLine::deleted).sum(),
                changeLines.stream().mapToLong(Digest.ChangeLine::edited).sum(), changeLines, spikeLines, null);
    }

    private static List<Digest.TermLine> terms(String kind, List<TopEntry> entries, String path, String query) {
        return entries.stream().filter(e -> e.count() > 0).map(e -> {
            double average = e.previous() / (double) BASELINE_DAYS;
            return new Digest.TermLine(kind, e.key(), e.label(), e.count(), format(average), change(e.count(), average),
                    score(e.count(), average), path + encode(e.key()) + query);
        }).toList();
    }

    /** "+600%" against the average, "new" when the 7 days before had none, "±0%" when equal. */
    static String change(long count, double average) {
        if (average == 0) {
            return "new";
        }
        long percent = Math.round((count - average) / average * 100);
        return percent > 0 ? "+" + percent + "%" : percent == 0 ? "±0%" : percent + "%";
    }

    /** How far above its usual level a term is, in units of the noise of a count that size. */
    static double score(long count, double average) {
        return Math.round((count - average) / Math.sqrt(average + 1) * 100) / 100.0;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The text on one line, cut at a word near {@link #EXCERPT} characters. */
    static String excerpt(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= EXCERPT) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', EXCERPT);
        return flat.substring(0, cut > EXCERPT / 2 ? cut : EXCERPT).strip() + "…";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
