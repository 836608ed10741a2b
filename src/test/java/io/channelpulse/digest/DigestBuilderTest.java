package io.channelpulse.digest;

import io.channelpulse.analytics.TopEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DigestBuilderTest {

    final DigestBuilder builder = new DigestBuilder();
    final LocalDate day = LocalDate.parse("2023-05-17");

    @Test
    void changesAreAgainstTheDailyAverageOfTheWeekBefore() {
        Digest digest = builder.build(day, ZoneId.of("UTC"), "http://pulse.test/", null,
                List.of(new DigestBuilder.ChannelCount("EmbUSA", 3, 900), new DigestBuilder.ChannelCount("quiet_one", 0, 0)),
                List.of(new TopEntry("osce", "OSCE", 3, 7, 0), new TopEntry("деньпобеды", "ДеньПобеды", 1, 0, 0),
                        new TopEntry("un", "UN", 1, 14, 0)),
                List.of(new TopEntry("lavrov", "Sergey Lavrov", 2, 0, 0)),
                List.of(new DigestBuilder.DayPost("EmbUSA", 10230, Instant.parse("2023-05-17T10:45:03Z"), "a\n\n<b>text</b>", 1100L)),
                List.of(), List.of(), 5);
        assertThat(digest.subject()).isEqualTo("Channel Pulse digest for 2023-05-17");
        assertThat(digest.quiet()).isFalse();
        assertThat(digest.totalPosts()).isEqualTo(3);
        assertThat(digest.channels()).extracting(Digest.ChannelLine::handle).containsExactly("EmbUSA");
        assertThat(digest.dashboardUrl()).isEqualTo("http://pulse.test/?from=2023-05-17&to=2023-05-17");
        Digest.TermLine osce = digest.topics().get(0);
        assertThat(osce.average()).isEqualTo("1.0");
        assertThat(osce.change()).isEqualTo("+200%");
        assertThat(osce.url()).isEqualTo("http://pulse.test/topics/osce?from=2023-05-17&to=2023-05-17");
        assertThat(digest.topics().get(1).change()).isEqualTo("new");
        assertThat(digest.topics().get(1).url()).contains("/topics/%D0%B4%D0%B5%D0%BD");
        assertThat(digest.topics().get(2).change()).isEqualTo("-50%");
        assertThat(digest.mentions().get(0).url()).isEqualTo("http://pulse.test/mentions/lavrov?from=2023-05-17&to=2023-05-17");
        assertThat(digest.rising()).extracting(Digest.TermLine::key).containsExactly("lavrov", "osce", "деньпобеды");
        assertThat(digest.posts().get(0).url()).isEqualTo("https://t.me/EmbUSA/10230");
        assertThat(digest.posts().get(0).page()).isEqualTo("http://pulse.test/posts/EmbUSA/10230");
        assertThat(digest.posts().get(0).excerpt()).isEqualTo("a <b>text</b>");
        assertThat(digest.posts().get(0).time()).isEqualTo("10:45");
    }

    @Test
    void aQuietDayAndAChannelFilter() {
        Digest digest = builder.build(day, ZoneId.of("UTC"), "http://pulse.test", List.of("pulse_edge"),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), 5);
        assertThat(digest.quiet()).isTrue();
        assertThat(digest.channelsNote()).isEqualTo("@pulse_edge");
        assertThat(digest.dashboardUrl()).isEqualTo("http://pulse.test/?from=2023-05-17&to=2023-05-17&channel=pulse_edge");
    }

    @Test
    void deletionsAndEditsAreCountedAndLinkedToTheChannelLists() {
        Digest digest = builder.build(day, ZoneId.of("UTC"), "http://pulse.test/", null, List.of(), List.of(),
                List.of(), List.of(), List.of(new DigestBuilder.ChannelChanges("EmbUSA", 2, 1),
                        new DigestBuilder.ChannelChanges("quiet_one", 0, 0),
                        new DigestBuilder.ChannelChanges("pulse_edge", 0, 3)), List.of(), 5);
        assertThat(digest.deletedPosts()).isEqualTo(2);
        assertThat(digest.editedPosts()).isEqualTo(4);
        assertThat(digest.changes()).extracting(Digest.ChangeLine::handle).containsExactly("EmbUSA", "pulse_edge");
        assertThat(digest.changes().get(0).deletedUrl()).isEqualTo("http://pulse.test/channels/EmbUSA#recently-deleted");
        assertThat(digest.changes().get(0).editedUrl()).isEqualTo("http://pulse.test/channels/EmbUSA#recently-edited");
        assertThat(digest.quiet()).as("no posts that day, changes or not").isTrue();
    }

    @Test
    void spikesAreListedWithTheirDashboardAndPostLinks() {
        Instant t = day.atStartOfDay(ZoneId.of("UTC")).toInstant();
        Digest digest = builder.build(day, ZoneId.of("UTC"), "http://pulse.test/", List.of("pulse_edge"), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(
                        new io.channelpulse.spikes.Spike("topic", "surge", "Surge", "day", t, 14, 0.018, 31.2,
                                List.of("https://t.me/pulse_edge/7")),
                        new io.channelpulse.spikes.Spike("forward", "iaea_org", "IAEA", "day", t, 8, 0.018, 17.5,
                                List.of())), 5);
        assertThat(digest.spikes()).extracting(Digest.SpikeLine::label, Digest.SpikeLine::count, Digest.SpikeLine::expected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Surge", 14L, "0.0"),
                        org.assertj.core.groups.Tuple.tuple("IAEA", 8L, "0.0"));
        assertThat(digest.spikes().get(0).url())
                .isEqualTo("http://pulse.test/topics/surge?from=2023-05-17&to=2023-05-17&channel=pulse_edge");
        assertThat(digest.spikes().get(0).posts()).containsExactly("https://t.me/pulse_edge/7");
        assertThat(digest.spikes().get(1).url())
                .isEqualTo("http://pulse.test/?from=2023-05-17&to=2023-05-17&channel=pulse_edge#spikes");
    }

    @Test
    void longTextsAreCutAtAWord() {
        String excerpt = DigestBuilder.excerpt("word ".repeat(100));
        assertThat(excerpt).endsWith("word…").hasSizeLessThanOrEqualTo(DigestBuilder.EXCERPT + 1);
    }
}
