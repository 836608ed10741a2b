package io.channelpulse.testing;

import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.PostStore;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Posts of the fixture channels EmbUSA and pulse_edge that cite each other and the untracked ministry_x, stored the
 * way a poll stores them. Five edges: EmbUSA forwards (30 minutes later) and mentions pulse_edge, forwards and
 * mentions ministry_x (whose forward header titles it {@code <b>Ministry</b> X}); pulse_edge forwards ministry_x.
 * So ministry_x has 3 citations from 2 channels, pulse_edge 2, EmbUSA none.
 */
public final class CitingPosts {

    private CitingPosts() {
    }

    /** Stores them from {@code day} to two days later; both channels must be tracked. */
    public static void store(PostStore store, DataSource dataSource, Instant day) {
        long edge = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'pulse_edge'");
        long embassy = Db.count(dataSource, "SELECT id FROM channels WHERE handle = 'EmbUSA'");
        ParsedPost.ForwardSource ministry = new ParsedPost.ForwardSource("<b>Ministry</b> X", "ministry_x", 5L);
        store.storePosts(edge, List.of(
                post("pulse_edge", 900, day, "A statement on the talks.", null),
                post("pulse_edge", 901, day.plus(2, ChronoUnit.DAYS), "", ministry)), day.plusSeconds(60));
        store.storePosts(embassy, List.of(
                post("EmbUSA", 30000, day.plusSeconds(1800), "", new ParsedPost.ForwardSource("Pulse Edge", "pulse_edge", 900L)),
                post("EmbUSA", 30001, day.plus(1, ChronoUnit.DAYS), "Read @pulse_edge and t.me/ministry_x today.", null),
                post("EmbUSA", 30002, day.plus(1, ChronoUnit.DAYS).plusSeconds(60), "",
                        new ParsedPost.ForwardSource("<b>Ministry</b> X", "ministry_x", 6L))), day.plus(2, ChronoUnit.DAYS));
    }

    private static ParsedPost post(String channel, long id, Instant at, String text, ParsedPost.ForwardSource source) {
        return new ParsedPost(channel, id, at, ParsedPost.Kind.POST, text, 10L, false, null, source, null,
                List.of(), List.of(), List.of());
    }
}
