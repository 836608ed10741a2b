package io.channelpulse.web.pages;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PageFiltersTest {

    @Test
    void aPagesOwnFiltersStayInLinksToThatPageButNotInLinksElsewhere() {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("kind", "forward");
        own.put("edges_by", " ");
        own.put("channels_by", null);
        PageFilters filters = PageFilters.of("90d", null, null, null, List.of("EmbUSA", "pulse_edge"), own);

        assertThat(filters.own()).containsExactly(Map.entry("kind", "forward"));
        assertThat(filters.query()).isEqualTo("range=90d&channel=EmbUSA&channel=pulse_edge");
        assertThat(filters.with("range", "1y")).isEqualTo("range=1y&channel=EmbUSA&channel=pulse_edge&kind=forward");
        assertThat(filters.with("kind", "mention")).isEqualTo("range=90d&channel=EmbUSA&channel=pulse_edge&kind=mention");
        assertThat(filters.with("kind", null)).isEqualTo("range=90d&channel=EmbUSA&channel=pulse_edge");
        assertThat(filters.with("edges_by", "lag")).endsWith("&kind=forward&edges_by=lag");
        assertThat(filters.queryWithout("channel")).isEqualTo("range=90d");
    }
}
