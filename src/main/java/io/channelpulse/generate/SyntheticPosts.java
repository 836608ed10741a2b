package io.channelpulse.generate;

import io.channelpulse.ingest.telegram.ChannelHeader;
import io.channelpulse.ingest.telegram.ParsedPost;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic synthetic channels and posts, as the preview parser would have read them, for benchmarks and demos.
 * Pure and deterministic: the same seed, sizes and {@code now} give the same channels and the same posts.
 *
 * <p>What makes it look like real channels: a Zipf-like share of posts per channel (a few loud channels, a
 * long quiet tail, some that started later), a weekly rhythm (fewer posts at weekends), a daily rhythm (most
 * posts between 07:00 and 22:00 UTC), day-to-day noise, a slow trend, bursts (days with 5-10x the posts, some
 * shared by all channels with a topic of the day), Zipf-like hashtags from a vocabulary of a few hundred Latin
 * and Cyrillic tags in varied case, watched names in several English and Russian word forms, {@code @handles}
 * and {@code t.me} links, forwards, service messages, log-normal views, media, reactions, edits and signatures.
 *
 * <p>Each channel's posts come from {@link #posts(int, long)} in time order with increasing ids; every channel
 * has its own random stream, so channels can be generated in any order or in parallel with the same result.
 *
 * <p>This class plans the period and the channels; each channel's plan is a {@link ChannelModel}, its messages a
 * {@link ChannelStream} with {@link PostText} and {@link PostExtras}, its words from {@link Tags},
 * {@link Sentences} and {@link Vocabulary}, its story days from {@link StoryDays}.
 */
public final class SyntheticPosts {

    /** A channel to create, with how many messages (posts and service messages) it gets. */
    public record ChannelPlan(int index, String handle, String title, String description, long posts,
                              ChannelHeader header) {
    }

    private final long seed;
    private final Instant from;
    private final Instant now;
    private final long firstMidnight;
    private final int days;
    private final List<ChannelPlan> plans;
    // read by each channel's stream (ChannelStream, PostText)
    final Span span;
    final ChannelModel[] models;
    final Zipf channelPopularity;
    /** Per day: the tag of a shared news event that day, or -1. */
    final int[] eventTag;
    final StoryDays stories;

    /**
     * @param totalPosts messages over all channels, service messages included
     * @param now end of the period; posts fall within {@code [now - years, now]}
     */
    public SyntheticPosts(long seed, int channels, int years, long totalPosts, Instant now) {
        if (channels < 1 || years < 1 || totalPosts < 0) {
            throw new IllegalArgumentException("channels and years must be positive, posts not negative");
        }
        this.seed = seed;
        this.now = Instant.ofEpochSecond(now.getEpochSecond());
        this.from = this.now.atZone(ZoneOffset.UTC).minusYears(years).toInstant();
        long fromEpoch = from.getEpochSecond();
        long nowEpoch = this.now.getEpochSecond();
        this.firstMidnight = Math.floorDiv(fromEpoch, Span.DAY) * Span.DAY;
        this.days = (int) ((nowEpoch - firstMidnight + Span.DAY - 1) / Span.DAY);
        this.span = new Span(fromEpoch, nowEpoch, firstMidnight, days);

        SplittableRandom rng = new SplittableRandom(seed);
        eventTag = globalEvents(rng, years);
        stories = new StoryDays(seed, LocalDate.ofEpochDay(firstMidnight / Span.DAY), days, years);

        // Which channel is loud is random, so synthetic_01 is not always the biggest.
        int[] rankOf = permutation(rng, channels);
        double[] share = new double[channels];
        double shareSum = 0;
        for (int c = 0; c < channels; c++) {
            share[c] = 1.0 / Math.pow(rankOf[c] + 1, 0.9);
            shareSum += share[c];
        }
        long[] postsOf = allocate(totalPosts, share, shareSum);
        channelPopularity = new Zipf(share);

        int width = Math.max(2, String.valueOf(channels).length());
        models = new ChannelModel[channels];
        List<ChannelPlan> list = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            String number = String.format(Locale.ROOT, "%0" + width + "d", c + 1);
            ChannelModel model = new ChannelModel(c, "synthetic_" + number, "Synthetic channel " + number,
                    postsOf[c], rng, span, eventTag);
            models[c] = model;
            list.add(new ChannelPlan(c, model.handle, model.title, model.description, model.posts, model.header()));
        }
        plans = Collections.unmodifiableList(list);
    }

    public List<ChannelPlan> channels() {
        return plans;
    }

    public Instant from() {
        return from;
    }

    /** The (UTC) days on which a story breaks: a new name, a new tag and a watched name spike (see StoryDays). */
    public List<LocalDate> storyDays() {
        return stories.days();
    }

    public Instant now() {
        return now;
    }

    /**
     * The messages of one channel, oldest first, with ids increasing from {@code afterId + 1} (with the
     * small gaps real channels have: deleted posts, album items). The content does not depend on {@code afterId}.
     */
    public Iterator<ParsedPost> posts(int channelIndex, long afterId) {
        return new ChannelStream(this, models[channelIndex], afterId);
    }

    /** Up to {@code size} next posts of the iterator: a page to store. */
    public static List<ParsedPost> page(Iterator<ParsedPost> posts, int size) {
        List<ParsedPost> page = new ArrayList<>(size);
        while (page.size() < size && posts.hasNext()) {
            page.add(posts.next());
        }
        return page;
    }

    // ---------------------------------------------------------------- the plan

    private int[] globalEvents(SplittableRandom rng, int years) {
        int[] tags = new int[days];
        Arrays.fill(tags, -1);
        // Victory Day every year, and a few news days a year, each with its own tag.
        for (int d = 0; d < days; d++) {
            LocalDate date = LocalDate.ofEpochDay(firstMidnight / Span.DAY + d);
            if (date.getMonthValue() == 5 && date.getDayOfMonth() == 9) {
                tags[d] = Tags.VICTORY_DAY;
            }
        }
        int events = 3 * years;
        for (int i = 0; i < events; i++) {
            int d = rng.nextInt(days);
            if (tags[d] < 0) {
                tags[d] = 3 + rng.nextInt(60);
            }
        }
        return tags;
    }

    private static int[] permutation(SplittableRandom rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Splits {@code total} by the weights, exactly (largest remainders). */
    private static long[] allocate(long total, double[] weights, double sum) {
        long[] out = new long[weights.length];
        double[] remainder = new double[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            out[i] = (long) Math.floor(exact);
            remainder[i] = exact - out[i];
            assigned += out[i];
        }
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
        for (int i = 0; assigned < total; i = (i + 1) % order.length) {
            out[order[i]]++;
            assigned++;
        }
        return out;
    }

    @Override
    public String toString() {
        return "SyntheticPosts[seed=" + seed + ", channels=" + models.length + ", from=" + from + ", now=" + now + "]";
    }
}
