package io.channelpulse.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The days on which a story breaks in the synthetic channels, so spikes and emerging names have something to
 * find: 60% of each channel's posts that day carry the story's sentence, with a name never seen before (in its
 * English or one of its Russian word forms, never at the start of a sentence) and the watched name Maria
 * Zakharova, and the story's hashtag, never used before, among their tags. One story breaks within the
 * last five days before {@code now}, so a week's view shows one; the others fall on random days with at least
 * {@value #QUIET_BEFORE} days of history before them. Pure and deterministic, from the seed.
 */
final class StoryDays {

    /** Days of ordinary posts before a story, more than the 28 a spike's baseline looks back. */
    static final int QUIET_BEFORE = 35;
    /** The share of a story day's posts that tell the story. */
    static final double SHARE = 0.6;

    /** A story: the new name (English; Russian instrumental and genitive) and the new tag (English, Russian). */
    record Story(String name, String nameRuWith, String nameRuOf, String tag, String tagRu) {

        void sentence(StringBuilder sb, boolean russian, SplittableRandom rng) {
            if (russian) {
                sb.append(rng.nextBoolean()
                        ? "Инспекторы во главе с " + nameRuWith + " прибыли на переговоры, сообщила Мария Захарова."
                        : "Как сообщила Мария Захарова, визит " + nameRuOf + " продлится три дня.");
            } else {
                sb.append(rng.nextBoolean()
                        ? "Inspectors led by " + name + " arrived for talks, Maria Zakharova said."
                        : "According to Maria Zakharova, " + name + " proposed a new plan.");
            }
        }

        /** The story's tag, among the post's tags. */
        String tag(boolean russian) {
            return russian ? tagRu : tag;
        }
    }

    static final List<Story> STORIES = List.of(
            new Story("Rafael Grossi", "Рафаэлем Гросси", "Рафаэля Гросси", "AtomWatch", "АтомНадзор"),
            new Story("Volker Türk", "Фолькером Тюрком", "Фолькера Тюрка", "RightsReview", "ПравоваяПроверка"),
            new Story("Helga Schmid", "Хельгой Шмид", "Хельги Шмид", "ViennaRound", "ВенскийРаунд"));

    private final Story[] byDay;
    private final LocalDate firstDay;

    /**
     * @param firstDay the first (UTC) day of the posts; {@code days} days follow it, the last one being today
     */
    StoryDays(long seed, LocalDate firstDay, int days, int years) {
        this.firstDay = firstDay;
        byDay = new Story[days];
        if (days <= QUIET_BEFORE + 1) {
            return;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5709_d4a5L);
        int stories = 1 + 2 * years;
        byDay[Math.max(QUIET_BEFORE, days - 2 - rng.nextInt(4))] = STORIES.get(0);
        for (int i = 1; i < stories && days - 7 > QUIET_BEFORE; i++) {
            int d = QUIET_BEFORE + rng.nextInt(days - 7 - QUIET_BEFORE);
            if (byDay[d] == null) {
                byDay[d] = STORIES.get(i % STORIES.size());
            }
        }
    }

    /** The story breaking on day {@code d} (counted from the first day), or null. */
    Story on(int d) {
        return byDay[d];
    }

    /** The story days, oldest first, for the command's report. */
    List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (int d = 0; d < byDay.length; d++) {
            if (byDay[d] != null) {
                days.add(firstDay.plusDays(d));
            }
        }
        return days;
    }
}
