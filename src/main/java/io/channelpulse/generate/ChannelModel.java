package io.channelpulse.generate;

import io.channelpulse.ingest.telegram.ChannelHeader;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * How one channel behaves: its activity per day, languages, audience and habits; drawn once from the seed so that
 * its stream can be replayed in any order.
 */
final class ChannelModel {

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

    ChannelModel(int index, String handle, String title, long posts, SplittableRandom rng, Span span,
                 int[] eventTag) {
        int days = span.days();
        long firstMidnight = span.firstMidnight();
        long fromEpoch = span.fromEpoch();
        long nowEpoch = span.nowEpoch();
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
            long dayStart = firstMidnight + d * Span.DAY;
            long lo = Math.max(fromEpoch, dayStart) - dayStart;
            long hi = Math.min(nowEpoch, dayStart + Span.DAY) - dayStart;
            double noise = Math.exp(0.35 * rng.nextGaussian());
            if (d < startDay || hi <= lo) {
                continue;
            }
            DayOfWeek dow = LocalDate.ofEpochDay(dayStart / Span.DAY).getDayOfWeek();
            double w = dow == DayOfWeek.SATURDAY ? weekend : dow == DayOfWeek.SUNDAY ? weekend * 0.85 : 1.0;
            w *= trendStart + (trendEnd - trendStart) * d / days;
            w *= noise;
            w *= DayRhythm.hourMass(lo, hi) / DayRhythm.dayMass();
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
