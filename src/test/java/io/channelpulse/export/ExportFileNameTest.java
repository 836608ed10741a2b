package io.channelpulse.export;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportFileNameTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void namesTheChannelsAndTheDaysCovered() {
        ExportFileName name = ExportFileName.of("posts").channels(List.of("EmbUSA"))
                .period(Instant.parse("2023-05-01T00:00:00Z"), Instant.parse("2023-06-01T00:00:00Z"), UTC);
        assertThat(name.ascii()).isEqualTo("channel-pulse-posts-EmbUSA-2023-05-01-to-2023-05-31.csv");
        assertThat(name.contentDisposition())
                .isEqualTo("attachment; filename=\"channel-pulse-posts-EmbUSA-2023-05-01-to-2023-05-31.csv\"");
    }

    @Test
    void unboundedIsAllAndOpenEndsSaySo() {
        assertThat(ExportFileName.of("posts").period(null, null, UTC).ascii()).isEqualTo("channel-pulse-posts-all.csv");
        assertThat(ExportFileName.of("posts").period(Instant.parse("2024-03-05T00:00:00Z"), null, UTC).ascii())
                .isEqualTo("channel-pulse-posts-from-2024-03-05.csv");
        assertThat(ExportFileName.of("posts").period(null, Instant.parse("2024-03-06T00:00:00Z"), UTC).ascii())
                .isEqualTo("channel-pulse-posts-to-2024-03-05.csv");
    }

    @Test
    void daysAreInTheConfiguredZoneAndOtherMomentsInUtc() {
        ZoneId moscow = ZoneId.of("Europe/Moscow");
        assertThat(ExportFileName.of("top").with("topic")
                .period(Instant.parse("2023-04-30T21:00:00Z"), Instant.parse("2023-05-31T21:00:00Z"), moscow).ascii())
                .isEqualTo("channel-pulse-top-topic-2023-05-01-to-2023-05-31.csv");
        assertThat(ExportFileName.of("posts")
                .period(Instant.parse("2024-03-01T10:00:00Z"), Instant.parse("2024-03-01T12:30:00Z"), UTC).ascii())
                .isEqualTo("channel-pulse-posts-2024-03-01T100000Z-to-2024-03-01T123000Z.csv");
    }

    @Test
    void manyChannelsAreCounted() {
        assertThat(ExportFileName.of("posts").channels(List.of("a1234", "b1234", "c1234", "d1234")).period(null, null, UTC)
                .ascii()).isEqualTo("channel-pulse-posts-4-channels-all.csv");
        assertThat(ExportFileName.of("posts").channels(List.of("EmbUSA", "pulse_edge")).period(null, null, UTC)
                .ascii()).isEqualTo("channel-pulse-posts-EmbUSA-pulse_edge-all.csv");
    }

    @Test
    void onlySafeCharactersWithAUnicodeNameBeside() {
        ExportFileName name = ExportFileName.of("series").with("topic").with("деньпобеды").with("day")
                .period(null, null, UTC);
        assertThat(name.ascii()).isEqualTo("channel-pulse-series-topic-_-day-all.csv");
        assertThat(name.unicode()).isEqualTo("channel-pulse-series-topic-деньпобеды-day-all.csv");
        assertThat(name.contentDisposition()).isEqualTo("attachment; filename=\"channel-pulse-series-topic-_-day-all.csv\"; "
                + "filename*=UTF-8''channel-pulse-series-topic-%D0%B4%D0%B5%D0%BD%D1%8C%D0%BF%D0%BE%D0%B1%D0%B5%D0%B4%D1%8B-day-all.csv");
        assertThat(ExportFileName.of("series").with("a\"b/../c\\d e;f").period(null, null, UTC).ascii())
                .isEqualTo("channel-pulse-series-a_b_.._c_d_e_f-all.csv")
                .matches("[A-Za-z0-9_.-]+");
    }
}
