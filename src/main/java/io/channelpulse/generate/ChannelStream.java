package io.channelpulse.generate;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.ingest.telegram.ParsedPost.ForwardSource;
import io.channelpulse.ingest.telegram.ParsedPost.Kind;
import io.channelpulse.ingest.telegram.ParsedPost.Media;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One channel's messages in time order: when each is posted, its id and where it is forwarded from; its text and
 * what comes with it are {@link PostText}'s and {@link PostExtras}' from the same random source.
 */
final class ChannelStream implements Iterator<ParsedPost> {

    private final SyntheticPosts world;
    private final Span span;
    private final ChannelModel model;
    private final SplittableRandom rng;
    private final long firstId;
    private long nextId;
    private int day = -1;
    private long[] times = new long[0];
    private int inDay;
    private long produced;
    private final PostText text;
    private final PostExtras extras;

    ChannelStream(SyntheticPosts world, ChannelModel model, long afterId) {
        this.world = world;
        this.span = world.span;
        this.model = model;
        this.rng = new SplittableRandom(model.streamSeed);
        this.text = new PostText(world, model, rng);
        this.extras = new PostExtras(model, rng, span.nowEpoch());
        this.firstId = afterId + 1;
        this.nextId = afterId + 1;
    }

    @Override
    public boolean hasNext() {
        return produced < model.posts;
    }

    @Override
    public ParsedPost next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        while (inDay >= times.length) {
            day++;
            times = timesOf(day, model.dayCounts[day]);
            inDay = 0;
        }
        long epochSecond = times[inDay++];
        produced++;
        return post(epochSecond);
    }

    private long[] timesOf(int d, int count) {
        long[] out = new long[count];
        long dayStart = span.firstMidnight() + d * Span.DAY;
        long lo = Math.max(span.fromEpoch(), dayStart) - dayStart;
        long hi = Math.min(span.nowEpoch(), dayStart + Span.DAY) - dayStart;
        double massLo = DayRhythm.massBefore(lo);
        double massHi = DayRhythm.massBefore(hi);
        for (int i = 0; i < count; i++) {
            long second = DayRhythm.secondAtMass(massLo + rng.nextDouble() * (massHi - massLo));
            out[i] = dayStart + Math.max(lo, Math.min(hi, second));
        }
        Arrays.sort(out);
        return out;
    }

    private ParsedPost post(long epochSecond) {
        Instant published = Instant.ofEpochSecond(epochSecond);
        long id = nextId;
        nextId += 1 + (rng.nextDouble() < 0.03 ? 1 + rng.nextInt(3) : 0);
        if (rng.nextDouble() < 0.01) {
            return new ParsedPost(model.handle, id, published, Kind.SERVICE, serviceText(), null, false, null,
                    null, null, List.of(), List.of(), List.of());
        }
        boolean russian = model.language == 0 || model.language == 2 && rng.nextBoolean();
        List<String> links = new ArrayList<>(2);
        List<Media> media = new ArrayList<>(1);
        ForwardSource forward = forward();
        String written = text.write(day, russian, links, media);

        Media attached = extras.media(id, russian);
        if (attached != null) {
            media.add(0, attached);
            if (attached.items() != null) {
                nextId += attached.items() - 1;
            }
        }

        long views = extras.views(epochSecond, forward != null);
        boolean edited = rng.nextDouble() < 0.06;
        String signature = model.signatures != null && rng.nextDouble() < 0.6
                ? model.signatures[rng.nextInt(model.signatures.length)] : null;
        Long replyTo = id > firstId && rng.nextDouble() < 0.02
                ? id - 1 - rng.nextInt((int) Math.min(50, id - firstId)) : null;
        return new ParsedPost(model.handle, id, published, Kind.POST, written, views, edited, signature,
                forward, replyTo, List.copyOf(media), List.copyOf(links), extras.reactions(views));
    }

    private String serviceText() {
        return switch (rng.nextInt(4)) {
            case 0 -> model.title + " pinned «" + Vocabulary.PINNED[rng.nextInt(Vocabulary.PINNED.length)] + "»";
            case 1 -> "Channel photo updated";
            case 2 -> "Live stream started";
            default -> "Live stream finished (" + (10 + rng.nextInt(80)) + " minutes)";
        };
    }

    private ForwardSource forward() {
        ChannelModel[] models = world.models;
        double roll = rng.nextDouble();
        if (roll < 0.15 && models.length > 1) {
            int source = world.channelPopularity.sample(rng);
            if (source == model.index) {
                source = world.channelPopularity.sample(rng);
            }
            ChannelModel other = models[source];
            long earlier = other.before[day];
            if (source != model.index && earlier > 0) {
                return new ForwardSource(other.title, other.handle, 1 + (long) (rng.nextDouble() * earlier));
            }
            roll = 0.15;
        }
        if (roll < 0.175) {
            boolean english = rng.nextBoolean();
            long postId = 20_000 + day * 14L + rng.nextInt(14);
            return english ? new ForwardSource("MFA Russia 🇷🇺", "MFARussia", postId)
                    : new ForwardSource("МИД России 🇷🇺", "MID_Russia", postId + 40_000);
        }
        if (roll < 0.178) {
            return new ForwardSource(Vocabulary.PRIVATE_FORWARDS[rng.nextInt(Vocabulary.PRIVATE_FORWARDS.length)],
                    null, null);
        }
        return null;
    }
}
