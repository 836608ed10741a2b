package io.channelpulse.generate;

import io.channelpulse.ingest.telegram.ParsedPost.Media;
import io.channelpulse.ingest.telegram.ParsedPost.Reaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What comes with a post besides its text (media, views, reactions), apart from the stream so that each part of a
 * post is drawn in one place; it draws from the stream's random source in the stream's order.
 */
final class PostExtras {

    private final ChannelModel model;
    private final SplittableRandom rng;
    private final long nowEpoch;

    PostExtras(ChannelModel model, SplittableRandom rng, long nowEpoch) {
        this.model = model;
        this.rng = rng;
        this.nowEpoch = nowEpoch;
    }

    /** The photo, album, video, document, poll or voice message a post carries, or null for none. */
    Media media(long id, boolean russian) {
        double mediaRoll = rng.nextDouble();
        if (mediaRoll < 0.20) {
            return new Media("photo", mediaUrl(id, "jpg"), null, null, null, List.of());
        } else if (mediaRoll < 0.26) {
            int items = 2 + rng.nextInt(9);
            return new Media("album", null, null, null, items, List.of());
        } else if (mediaRoll < 0.34) {
            return new Media("video", mediaUrl(id, "mp4"), null, null, null, List.of());
        } else if (mediaRoll < 0.36) {
            return new Media("document", null, russian ? "Заявление.pdf" : "Statement.pdf", null, null,
                    List.of());
        } else if (mediaRoll < 0.37) {
            return new Media("poll", null, russian ? "Как вы оцениваете итоги встречи?"
                    : "How do you rate the outcome of the talks?", null, null,
                    russian ? List.of("Положительно", "Нейтрально", "Отрицательно")
                            : List.of("Positive", "Neutral", "Negative"));
        } else if (mediaRoll < 0.375) {
            return new Media("voice", mediaUrl(id, "ogg"), null, null, null, List.of());
        }
        return null;
    }

    private String mediaUrl(long id, String extension) {
        return "https://files.synthetic.invalid/" + model.handle + "/" + id + "." + extension;
    }

    /** Views so far: log-normal around the channel's median, fewer for a forward and for a post of this week. */
    long views(long epochSecond, boolean forwarded) {
        double v = model.viewsMedian * Math.exp(0.9 * rng.nextGaussian()) * (forwarded ? 0.8 : 1.0);
        double ageDays = (nowEpoch - epochSecond) / (double) Span.DAY;
        if (ageDays < 7) {
            v *= 0.3 + 0.7 * Math.sqrt(ageDays / 7);
        }
        return Math.max(1, Math.round(v));
    }

    /** The reactions of a post with these views, most used emoji most often; none for most posts. */
    List<Reaction> reactions(long views) {
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
