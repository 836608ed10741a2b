package io.channelpulse.generate;

import io.channelpulse.ingest.telegram.ParsedPost.Media;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes the text of one channel's posts, apart from the stream so that what a post says can be read apart from
 * when it is posted and what comes with it; it draws from the stream's random source in the stream's order.
 */
final class PostText {

    private final SyntheticPosts world;
    private final ChannelModel model;
    private final SplittableRandom rng;
    /** Apart from {@link #rng}, so that telling a story does not shift the random choices of the other posts. */
    private final SplittableRandom storyRng;
    private final StringBuilder text = new StringBuilder(512);

    PostText(SyntheticPosts world, ChannelModel model, SplittableRandom rng) {
        this.world = world;
        this.model = model;
        this.rng = rng;
        this.storyRng = new SplittableRandom(model.streamSeed ^ 0x5709_d4a5L);
    }

    /** The text of a post on this day; links and link previews it has go to {@code links} and {@code media}. */
    String write(int day, boolean russian, List<String> links, List<Media> media) {
        ChannelModel[] models = world.models;
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
            Sentences.sentence(sb, ru, rng);
        }
        StoryDays.Story story = world.stories.on(day);
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
                Sentences.sentence(title, russian, rng);
                media.add(new Media("link_preview", url, title.toString(), Vocabulary.SITES[site], null, List.of()));
            }
        }
        appendTags(sb, day, storyTag);
        return sb.toString();
    }

    private int sentenceCount() {
        double roll = rng.nextDouble();
        return roll < 0.20 ? 1 : roll < 0.45 ? 2 : roll < 0.65 ? 3 : roll < 0.80 ? 4 : roll < 0.92 ? 5 : 6;
    }

    /** @param storyTag the tag of the story the post tells, first among its tags; or null */
    private void appendTags(StringBuilder sb, int day, String storyTag) {
        double roll = rng.nextDouble() / model.tagRate;
        int count = roll < 0.05 ? 4 : roll < 0.15 ? 3 : roll < 0.35 ? 2 : roll < 0.65 ? 1 : 0;
        if (storyTag != null) {
            count = Math.max(1, count);
        }
        int event = world.eventTag[day];
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
            chosen.add(Tags.TAG_RANKS.sample(rng));
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
            sb.append('#').append(Tags.spelling(tag, rng));
        }
    }
}
