package io.channelpulse.web.pages;

import io.channelpulse.store.Channel;
import io.quarkus.qute.TemplateExtension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Values computed for templates. */
@TemplateExtension
class PageExtensions {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private static final String[] SUFFIXES = {"", "K", "M", "B", "T"};

    /**
     * A moment as people read it, to the minute, in the zone of the dashboard ({@code pulse.timezone}):
     * {@code 1 Dec 2026, 19:06}. Pages name the zone once (the footer) and keep the ISO instant in
     * {@code <time datetime>}; the API and CSV keep the ISO instant only.
     */
    static String time(Instant at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }

    /**
     * How long after a post something followed, as people say it: {@code 40 s later}, {@code 35 min later},
     * {@code 2 h 5 min later}, {@code 3 days later}.
     */
    static String later(long seconds) {
        if (seconds < 0) {
            return "before it";
        }
        if (seconds < 60) {
            return seconds + " s later";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min later";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min") + " later";
        }
        return hours / 24 + " days later";
    }

    /**
     * A median lag, which the network reads from a sketch (within 1%), rounded to the unit {@link #later} shows
     * instead of cut: 1,790 s is {@code 30 min later}, not 29.
     */
    static String aboutLater(long seconds) {
        long unit = Math.abs(seconds) < 60 ? 1 : Math.abs(seconds) < 48 * 3600 ? 60 : 86_400;
        return later(Math.round((double) seconds / unit) * unit);
    }

    /** A count with its thousands grouped: {@code 12,400}. */
    static String grouped(long n) {
        // by hand: String.format parses its pattern and builds a formatter each time, and a page prints hundreds
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int length = digits.length() - sign;
        StringBuilder out = new StringBuilder(digits.length() + length / 3).append(digits, 0, sign);
        for (int i = 0; i < length; i++) {
            if (i > 0 && (length - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(sign + i));
        }
        return out.toString();
    }

    /**
     * A count short enough for a card or a line of text: as it is up to 9,999, then to one decimal with K, M,
     * B or T ({@code 12.4K}, {@code 136.5M}); a rounding that reaches the next unit takes that unit
     * ({@code 999,999} is {@code 1M}, not {@code 1000K}).
     */
    static String compact(long n) {
        if (Math.abs(n) < 10_000) {
            return grouped(n);
        }
        BigDecimal value = BigDecimal.valueOf(n);
        int unit = 0;
        while (unit < SUFFIXES.length - 1 && value.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
            value = value.movePointLeft(3);
            unit++;
        }
        BigDecimal rounded = value.setScale(1, RoundingMode.HALF_UP);
        if (rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 && unit < SUFFIXES.length - 1) {
            rounded = rounded.movePointLeft(3).setScale(1, RoundingMode.HALF_UP);
            unit++;
        }
        return rounded.stripTrailingZeros().toPlainString() + SUFFIXES[unit];
    }

    /** A rising score to one decimal, with a sign when it rose: {@code +2.4}, {@code -0.7}, {@code 0}, {@code +2,067.0}. */
    static String score(double score) {
        BigDecimal rounded = BigDecimal.valueOf(score).setScale(1, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            return "0";
        }
        return (rounded.signum() > 0 ? "+" : "") + String.format(Locale.ROOT, "%,.1f", rounded);
    }

    /** An expectation or a spike's score: two decimals below 10 (0.02 posts), one above ({@code 1,234.5}). */
    static String fraction(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%,.2f" : "%,.1f", value);
    }

    /** The start of a long text, cut at a word, for lists of posts; the full post is one click away. */
    static String excerpt(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        int cut = text.lastIndexOf(' ', length);
        return text.substring(0, cut > length / 2 ? cut : length) + " …";
    }

    /**
     * What an admin can do with a channel in its state. A synthetic channel's posts are made up, so it is never
     * resumed or polled: its handle may belong to a real channel on t.me.
     */
    static java.util.List<String> actions(Channel channel) {
        if (Channel.isDemoHandle(channel.handle)) {
            return java.util.List.of("remove");
        }
        return channel.status == io.channelpulse.store.ChannelStatus.PAUSED
                ? java.util.List.of("resume", "remove") : java.util.List.of("poll", "pause", "remove");
    }

    static String aliasList(io.channelpulse.analytics.WatchedEntity entity) {
        return String.join(", ", entity.aliases());
    }

    /** A heatmap cell's shade from 0 (none) to 4 (the busiest cell). */
    static int heat(Long count, long max) {
        if (count == null || count == 0 || max == 0) {
            return 0;
        }
        return (int) Math.min(4, Math.ceil(count * 4.0 / max));
    }
}
