package io.channelpulse.generate;

import io.channelpulse.ingest.telegram.ChannelHeader;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.ingest.telegram.ParsedPost.ForwardSource;
import io.channelpulse.ingest.telegram.ParsedPost.Kind;
import io.channelpulse.ingest.telegram.ParsedPost.Media;
import io.channelpulse.ingest.telegram.ParsedPost.Reaction;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
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
 */
public final class SyntheticPosts {

    /** A channel to create, with how many messages (posts and service messages) it gets. */
    public record ChannelPlan(int index, String handle, String title, String description, long posts,
                              ChannelHeader header) {
    }

    private static final long DAY = 86_400;

    /** Relative posting activity per UTC hour: about 90% of posts fall between 07:00 and 22:00. */
    private static final double[] HOUR_WEIGHTS = {
            0.15, 0.08, 0.05, 0.05, 0.08, 0.20, 0.50, 0.90, 1.20, 1.40, 1.50, 1.40,
            1.30, 1.30, 1.40, 1.40, 1.30, 1.20, 1.10, 1.00, 0.90, 0.70, 0.45, 0.25};
    private static final double[] HOUR_CUMULATIVE = new double[25];

    static {
        for (int h = 0; h < 24; h++) {
            HOUR_CUMULATIVE[h + 1] = HOUR_CUMULATIVE[h] + HOUR_WEIGHTS[h];
        }
    }

    private final long seed;
    private final Instant from;
    private final Instant now;
    private final long fromEpoch;
    private final long nowEpoch;
    private final long firstMidnight;
    private final int days;
    private final ChannelModel[] models;
    private final List<ChannelPlan> plans;
    private final Zipf channelPopularity;
    /** Per day: the tag of a shared news event that day, or -1. */
    private final int[] eventTag;
    private final StoryDays stories;

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
        this.fromEpoch = from.getEpochSecond();
        this.nowEpoch = this.now.getEpochSecond();
        this.firstMidnight = Math.floorDiv(fromEpoch, DAY) * DAY;
        this.days = (int) ((nowEpoch - firstMidnight + DAY - 1) / DAY);

        SplittableRandom rng = new SplittableRandom(seed);
        eventTag = globalEvents(rng, years);
        stories = new StoryDays(seed, LocalDate.ofEpochDay(firstMidnight / DAY), days, years);

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
                    postsOf[c], rng);
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
        return new ChannelStream(models[channelIndex], afterId);
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
            LocalDate date = LocalDate.ofEpochDay(firstMidnight / DAY + d);
            if (date.getMonthValue() == 5 && date.getDayOfMonth() == 9) {
                tags[d] = Vocabulary.VICTORY_DAY;
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

    /** Share of a day's activity between two seconds of the day. */
    private static double hourMass(long fromSecond, long toSecond) {
        return massBefore(toSecond) - massBefore(fromSecond);
    }

    private static double massBefore(long second) {
        if (second >= DAY) {
            return HOUR_CUMULATIVE[24];
        }
        int h = (int) (second / 3600);
        return HOUR_CUMULATIVE[h] + HOUR_WEIGHTS[h] * (second % 3600) / 3600.0;
    }

    private static long secondAtMass(double mass) {
        int h = 0;
        while (h < 23 && HOUR_CUMULATIVE[h + 1] <= mass) {
            h++;
        }
        long second = h * 3600L + (long) ((mass - HOUR_CUMULATIVE[h]) / HOUR_WEIGHTS[h] * 3600);
        return Math.min(second, DAY - 1);
    }

    /** How one channel behaves: its activity per day, languages, audience and habits. */
    private final class ChannelModel {

        final int index;
        final String handle;
        final String title;
        final String description;
        final long posts;
        final long streamSeed;
        final int[] dayCounts;
        /** Messages before each day, to make up the ids of posts others forward from this channel. */
        final long[] before;
        /** 0 Russian, 1 English, 2 both. */
        final int language;
        final double viewsMedian;
        final long subscribers;
        final String[] signatures;
        final boolean reactions;
        final double tagRate;
        final boolean verified;

        ChannelModel(int index, String handle, String title, long posts, SplittableRandom rng) {
            this.index = index;
            this.handle = handle;
            this.title = title;
            this.posts = posts;
            this.streamSeed = rng.nextLong();
            double roll = rng.nextDouble();
            language = roll < 0.45 ? 0 : roll < 0.75 ? 1 : 2;
            description = language == 0
                    ? "Синтетический канал для демонстрации Channel Pulse: новости внешней политики."
                    : "Synthetic channel for Channel Pulse demos: foreign policy news.";
            viewsMedian = Math.exp(Math.log(300) + rng.nextDouble() * (Math.log(60_000) - Math.log(300)));
            subscribers = Math.round(viewsMedian * (2.5 + rng.nextDouble() * 6));
            signatures = rng.nextDouble() < 0.25 ? Vocabulary.SIGNATURES[rng.nextInt(Vocabulary.SIGNATURES.length)] : null;
            reactions = rng.nextDouble() < 0.8;
            tagRate = 0.6 + rng.nextDouble() * 0.8;
            verified = rng.nextDouble() < 0.1;

            double[] weight = new double[days];
            double trendStart = 0.5 + rng.nextDouble();
            double trendEnd = 0.5 + rng.nextDouble();
            double weekend = 0.3 + rng.nextDouble() * 0.3;
            int startDay = rng.nextDouble() < 0.25 ? rng.nextInt(Math.max(1, (int) (days * 0.6))) : 0;
            double total = 0;
            for (int d = 0; d < days; d++) {
                long dayStart = firstMidnight + d * DAY;
                long lo = Math.max(fromEpoch, dayStart) - dayStart;
                long hi = Math.min(nowEpoch, dayStart + DAY) - dayStart;
                double noise = Math.exp(0.35 * rng.nextGaussian());
                if (d < startDay || hi <= lo) {
                    continue;
                }
                DayOfWeek dow = LocalDate.ofEpochDay(dayStart / DAY).getDayOfWeek();
                double w = dow == DayOfWeek.SATURDAY ? weekend : dow == DayOfWeek.SUNDAY ? weekend * 0.85 : 1.0;
                w *= trendStart + (trendEnd - trendStart) * d / days;
                w *= noise;
                w *= hourMass(lo, hi) / HOUR_CUMULATIVE[24];
                weight[d] = w;
            }
            // Shared news days for most channels, and a few bursts of the channel's own.
            for (int d = 0; d < days; d++) {
                if (eventTag[d] >= 0 && rng.nextDouble() < 0.7) {
                    weight[d] *= 5 + rng.nextDouble() * 5;
                }
            }
            int bursts = 1 + rng.nextInt(2 + days / 180);
            for (int i = 0; i < bursts; i++) {
                int d = rng.nextInt(days);
                weight[d] *= 5 + rng.nextDouble() * 5;
                if (d + 1 < days && rng.nextBoolean()) {
                    weight[d + 1] *= 2 + rng.nextDouble() * 3;
                }
            }
            for (double w : weight) {
                total += w;
            }
            dayCounts = new int[days];
            before = new long[days + 1];
            if (total > 0) {
                double cumulative = 0;
                long assigned = 0;
                for (int d = 0; d < days; d++) {
                    cumulative += weight[d];
                    long target = d == days - 1 ? posts : Math.min(posts, Math.round(posts * cumulative / total));
                    dayCounts[d] = (int) (target - assigned);
                    assigned = target;
                }
            }
            for (int d = 0; d < days; d++) {
                before[d + 1] = before[d] + dayCounts[d];
            }
        }

        ChannelHeader header() {
            return new ChannelHeader(handle, title, description, verified, null, new ChannelHeader.Counters(
                    subscribers, Math.round(posts * 0.26), Math.round(posts * 0.08), Math.round(posts * 0.02),
                    Math.round(posts * 0.1)));
        }
    }

    // ---------------------------------------------------------------- the posts

    /** One channel's messages in time order. */
    private final class ChannelStream implements Iterator<ParsedPost> {

        private final ChannelModel model;
        private final SplittableRandom rng;
        private final long firstId;
        private long nextId;
        private int day = -1;
        private long[] times = new long[0];
        private int inDay;
        private long produced;
        private final StringBuilder text = new StringBuilder(512);
        /** Apart from {@link #rng}, so that telling a story does not shift the random choices of the other posts. */
        private final SplittableRandom storyRng;

        ChannelStream(ChannelModel model, long afterId) {
            this.model = model;
            this.rng = new SplittableRandom(model.streamSeed);
            this.storyRng = new SplittableRandom(model.streamSeed ^ 0x5709_d4a5L);
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
            long dayStart = firstMidnight + d * DAY;
            long lo = Math.max(fromEpoch, dayStart) - dayStart;
            long hi = Math.min(nowEpoch, dayStart + DAY) - dayStart;
            double massLo = massBefore(lo);
            double massHi = massBefore(hi);
            for (int i = 0; i < count; i++) {
                long second = secondAtMass(massLo + rng.nextDouble() * (massHi - massLo));
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
            writeText(russian, links, media);

            double mediaRoll = rng.nextDouble();
            if (mediaRoll < 0.20) {
                media.add(0, new Media("photo", mediaUrl(id, "jpg"), null, null, null, List.of()));
            } else if (mediaRoll < 0.26) {
                int items = 2 + rng.nextInt(9);
                media.add(0, new Media("album", null, null, null, items, List.of()));
                nextId += items - 1;
            } else if (mediaRoll < 0.34) {
                media.add(0, new Media("video", mediaUrl(id, "mp4"), null, null, null, List.of()));
            } else if (mediaRoll < 0.36) {
                media.add(0, new Media("document", null, russian ? "Заявление.pdf" : "Statement.pdf", null, null,
                        List.of()));
            } else if (mediaRoll < 0.37) {
                media.add(0, new Media("poll", null, russian ? "Как вы оцениваете итоги встречи?"
                        : "How do you rate the outcome of the talks?", null, null,
                        russian ? List.of("Положительно", "Нейтрально", "Отрицательно")
                                : List.of("Positive", "Neutral", "Negative")));
            } else if (mediaRoll < 0.375) {
                media.add(0, new Media("voice", mediaUrl(id, "ogg"), null, null, null, List.of()));
            }

            long views = views(epochSecond, forward != null);
            boolean edited = rng.nextDouble() < 0.06;
            String signature = model.signatures != null && rng.nextDouble() < 0.6
                    ? model.signatures[rng.nextInt(model.signatures.length)] : null;
            Long replyTo = id > firstId && rng.nextDouble() < 0.02
                    ? id - 1 - rng.nextInt((int) Math.min(50, id - firstId)) : null;
            return new ParsedPost(model.handle, id, published, Kind.POST, text.toString(), views, edited, signature,
                    forward, replyTo, List.copyOf(media), List.copyOf(links), reactions(views));
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
            double roll = rng.nextDouble();
            if (roll < 0.15 && models.length > 1) {
                int source = channelPopularity.sample(rng);
                if (source == model.index) {
                    source = channelPopularity.sample(rng);
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

        private void writeText(boolean russian, List<String> links, List<Media> media) {
            StringBuilder sb = text;
            sb.setLength(0);
            if (rng.nextDouble() < 0.15) {
                sb.append(Vocabulary.EMOJI_PREFIXES[rng.nextInt(Vocabulary.EMOJI_PREFIXES.length)]).append(' ');
            }
            int sentences = sentenceCount();
            for (int i = 0; i < sentences; i++) {
                if (i > 0) {
                    sb.append(rng.nextDouble() < 0.25 ? "\n\n" : " ");
                }
                boolean ru = model.language == 2 && rng.nextDouble() < 0.1 ? !russian : russian;
                Vocabulary.sentence(sb, ru, rng);
            }
            StoryDays.Story story = stories.on(day);
            String storyTag = null;
            if (story != null && storyRng.nextDouble() < StoryDays.SHARE) {
                sb.append(' ');
                story.sentence(sb, russian, storyRng);
                storyTag = story.tag(russian);
            }
            double roll = rng.nextDouble();
            if (roll < 0.05 && models.length > 1) {
                String other = models[rng.nextInt(models.length)].handle;
                sb.append(russian ? "\n\nПодписывайтесь на @" : "\n\nFollow @").append(other);
            } else if (roll < 0.09 && models.length > 1) {
                ChannelModel other = models[rng.nextInt(models.length)];
                if (rng.nextBoolean()) {
                    String url = "https://t.me/" + other.handle + "/" + (1 + rng.nextInt((int) Math.max(1, other.posts)));
                    sb.append(russian ? "\n\nПодробнее: " : "\n\nMore: ").append(url);
                    links.add(url);
                } else {
                    sb.append(russian ? "\n\nНаш канал-партнёр: t.me/" : "\n\nOur partner channel: t.me/")
                            .append(other.handle);
                    links.add("https://t.me/" + other.handle);
                }
            } else if (roll < 0.10) {
                String mfa = rng.nextBoolean() ? "MFARussia" : "MID_Russia";
                if (rng.nextBoolean()) {
                    sb.append(russian ? " Источник: @" : " Source: @").append(mfa);
                } else {
                    sb.append("\n\nt.me/").append(mfa);
                    links.add("https://t.me/" + mfa);
                }
            } else if (roll < 0.103) {
                sb.append(russian ? "\n\nВопросы прессы: press@embassy.example" : "\n\nPress enquiries: press@embassy.example");
            } else if (roll < 0.105) {
                String invite = "https://t.me/joinchat/" + Long.toString(rng.nextLong() & Long.MAX_VALUE, 36);
                sb.append(russian ? "\n\nЧат для обсуждения: " : "\n\nDiscussion chat: ").append(invite);
                links.add(invite);
            }
            if (rng.nextDouble() < 0.10) {
                int site = rng.nextInt(Vocabulary.SITES.length);
                String url = "https://" + Vocabulary.SITES[site] + "/news/" + (100_000 + rng.nextInt(9_900_000)) + "/";
                sb.append("\n\n🔗 ").append(url);
                links.add(url);
                if (rng.nextDouble() < 0.8) {
                    StringBuilder title = new StringBuilder(120);
                    Vocabulary.sentence(title, russian, rng);
                    media.add(new Media("link_preview", url, title.toString(), Vocabulary.SITES[site], null, List.of()));
                }
            }
            appendTags(sb, storyTag);
        }

        private int sentenceCount() {
            double roll = rng.nextDouble();
            return roll < 0.20 ? 1 : roll < 0.45 ? 2 : roll < 0.65 ? 3 : roll < 0.80 ? 4 : roll < 0.92 ? 5 : 6;
        }

        /** @param storyTag the tag of the story the post tells, first among its tags; or null */
        private void appendTags(StringBuilder sb, String storyTag) {
            double roll = rng.nextDouble() / model.tagRate;
            int count = roll < 0.05 ? 4 : roll < 0.15 ? 3 : roll < 0.35 ? 2 : roll < 0.65 ? 1 : 0;
            if (storyTag != null) {
                count = Math.max(1, count);
            }
            int event = eventTag[day];
            if (event >= 0 && rng.nextDouble() < 0.6) {
                count = Math.max(1, count);
            } else {
                event = -1;
            }
            if (count == 0) {
                return;
            }
            Set<Integer> chosen = new LinkedHashSet<>();
            if (event >= 0) {
                chosen.add(event);
            }
            int fromVocabulary = storyTag == null ? count : count - 1;
            for (int attempts = 0; chosen.size() < fromVocabulary && attempts < 12; attempts++) {
                chosen.add(Vocabulary.TAG_RANKS.sample(rng));
            }
            sb.append(rng.nextDouble() < 0.8 ? "\n\n" : " ");
            boolean first = true;
            if (storyTag != null) {
                sb.append('#').append(storyTag);
                first = false;
            }
            for (int tag : chosen) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                sb.append('#').append(Vocabulary.spelling(tag, rng));
            }
        }

        private String mediaUrl(long id, String extension) {
            return "https://files.synthetic.invalid/" + model.handle + "/" + id + "." + extension;
        }

        private long views(long epochSecond, boolean forwarded) {
            double v = model.viewsMedian * Math.exp(0.9 * rng.nextGaussian()) * (forwarded ? 0.8 : 1.0);
            double ageDays = (nowEpoch - epochSecond) / (double) DAY;
            if (ageDays < 7) {
                v *= 0.3 + 0.7 * Math.sqrt(ageDays / 7);
            }
            return Math.max(1, Math.round(v));
        }

        private List<Reaction> reactions(long views) {
            if (!model.reactions || rng.nextDouble() >= 0.4) {
                return List.of();
            }
            int n = 1 + (int) Math.floor(Math.abs(rng.nextGaussian()) * 2);
            n = Math.min(n, 5);
            List<Reaction> out = new ArrayList<>(n);
            Set<String> used = new HashSet<>();
            double count = Math.max(1, views * 0.01 * Math.exp(0.7 * rng.nextGaussian()));
            for (int i = 0; i < n; i++) {
                String emoji = Vocabulary.REACTIONS[Vocabulary.REACTION_RANKS.sample(rng)];
                if (!used.add(emoji)) {
                    continue;
                }
                out.add(new Reaction(emoji, Math.max(1, Math.round(count))));
                count *= 0.2 + rng.nextDouble() * 0.5;
            }
            return List.copyOf(out);
        }
    }

    /** Samples indexes with the given weights. */
    static final class Zipf {

        private final double[] cumulative;

        Zipf(double[] weights) {
            cumulative = new double[weights.length];
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i];
                cumulative[i] = sum;
            }
        }

        /** Weights {@code 1 / (rank + 1)^exponent} for ranks 0..n-1. */
        static Zipf ranks(int n, double exponent) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 1.0 / Math.pow(i + 1, exponent);
            }
            return new Zipf(w);
        }

        int sample(SplittableRandom rng) {
            double u = rng.nextDouble() * cumulative[cumulative.length - 1];
            int i = Arrays.binarySearch(cumulative, u);
            i = i >= 0 ? i + 1 : -i - 1;
            return Math.min(i, cumulative.length - 1);
        }
    }

    @Override
    public String toString() {
        return "SyntheticPosts[seed=" + seed + ", channels=" + models.length + ", from=" + from + ", now=" + now + "]";
    }
}
