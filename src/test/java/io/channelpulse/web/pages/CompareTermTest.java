package io.channelpulse.web.pages;

import io.channelpulse.analytics.Metric;
import io.channelpulse.api.BadParameterException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the compare page reads a term, given the watched keys read once for the whole request. */
class CompareTermTest {

    private static final Set<String> WATCHED = Set.of("lavrov", "nato");

    @ParameterizedTest
    @CsvSource({
            "topic:OSCE, topic, osce, #osce",
            "mention:nato, mention, nato, nato",
            "forward:@MFARussia, forward, mfarussia, fwd:mfarussia",
            "#Sanctions, topic, sanctions, #sanctions",
            "@mfarussia, mention, mfarussia, mfarussia",
            "Lavrov, mention, lavrov, lavrov",
            "un, topic, un, #un"})
    void aTermIsATopicUnlessItIsWatchedOrNamedAsAHandle(String raw, String metric, String key, String display) {
        PageData.Term term = PageData.term(raw, WATCHED);
        assertThat(term.metric()).isEqualTo(Metric.of(metric).orElseThrow());
        assertThat(term.key()).isEqualTo(key);
        assertThat(term.display()).isEqualTo(display);
    }

    @ParameterizedTest
    @CsvSource({"likes:osce", "posts:x"})
    void anUnknownOrUnkeyedMetricIsRefused(String raw) {
        assertThatThrownBy(() -> PageData.term(raw, WATCHED)).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("k: '" + raw + "': use topic:KEY, mention:KEY or forward:KEY");
    }
}
