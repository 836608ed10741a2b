package io.channelpulse.web.pages;

import io.channelpulse.network.DiscoveredChannel;
import io.channelpulse.network.NetworkEdge;
import io.channelpulse.network.NetworkGraph;
import io.channelpulse.network.NetworkNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkTablesTest {

    static final List<NetworkEdge> EDGES = List.of(
            new NetworkEdge("EmbUSA", "MFARussia", "forward", 12, 600L),
            new NetworkEdge("pulse_edge", "EmbUSA", "mention", 3, null),
            new NetworkEdge("EmbUSA", "pulse_edge", "forward", 3, 7200L),
            new NetworkEdge("embusa", "ministry_x", "mention", 40, null),
            new NetworkEdge("pulse_edge", "MFARussia", "forward", 12, 60L));

    static final List<NetworkNode> NODES = List.of(
            new NetworkNode("EmbUSA", "Embassy", true, 500, 6990L, 3),
            new NetworkNode("MFARussia", null, false, 0, null, 24),
            new NetworkNode("pulse_edge", "Pulse Edge", true, 900, null, 3),
            new NetworkNode("ministry_x", "Ministry", false, 0, null, 40),
            new NetworkNode("alpha", null, true, 20, 100L, 0));

    @ParameterizedTest(name = "edges by {0}")
    @CsvSource(delimiter = '|', value = {
            // most posts first; equal counts by from, to (any case), kind
            "count | embusa>ministry_x EmbUSA>MFARussia pulse_edge>MFARussia EmbUSA>pulse_edge pulse_edge>EmbUSA",
            // longest median lag first; edges without one last, by most posts
            "lag   | EmbUSA>pulse_edge EmbUSA>MFARussia pulse_edge>MFARussia embusa>ministry_x pulse_edge>EmbUSA",
            "from  | embusa>ministry_x EmbUSA>MFARussia EmbUSA>pulse_edge pulse_edge>MFARussia pulse_edge>EmbUSA",
            "to    | pulse_edge>EmbUSA EmbUSA>MFARussia pulse_edge>MFARussia embusa>ministry_x EmbUSA>pulse_edge",
            "kind  | EmbUSA>MFARussia pulse_edge>MFARussia EmbUSA>pulse_edge embusa>ministry_x pulse_edge>EmbUSA",
    })
    void edgesSortByTheColumnAsked(String order, String expected) {
        assertThat(NetworkTables.edges(EDGES, order).stream().map(e -> e.from() + ">" + e.to()).toList())
                .containsExactlyElementsOf(Arrays.asList(expected.split(" ")));
    }

    @ParameterizedTest(name = "channels by {0}")
    @CsvSource(delimiter = '|', value = {
            // most cited first, equal citations by handle
            "citations   | ministry_x MFARussia EmbUSA pulse_edge alpha",
            "posts       | pulse_edge EmbUSA alpha ministry_x MFARussia",
            // channels with no subscriber count last, by citations
            "subscribers | EmbUSA alpha ministry_x MFARussia pulse_edge",
            "handle      | alpha EmbUSA MFARussia ministry_x pulse_edge",
    })
    void channelsSortByTheColumnAsked(String order, String expected) {
        assertThat(NetworkTables.channels(NODES, order).stream().map(NetworkNode::handle).toList())
                .containsExactlyElementsOf(Arrays.asList(expected.split(" ")));
    }

    @Test
    void theChannelsWorthAddingAreTheUntrackedOnesCitedByCitationsThenCitingChannelsThenHandle() {
        NetworkGraph graph = new NetworkGraph(List.of(
                new NetworkNode("EmbUSA", null, true, 5, null, 9),
                new NetworkNode("Beta", "B", false, 0, null, 4),
                new NetworkNode("alpha", null, false, 0, null, 4),
                new NetworkNode("gamma", null, false, 0, null, 4),
                new NetworkNode("quiet", null, false, 0, null, 0)),
                List.of(new NetworkEdge("EmbUSA", "beta", "forward", 3, null),
                        new NetworkEdge("EmbUSA", "Beta", "mention", 2, null),
                        new NetworkEdge("pulse_edge", "Beta", "forward", 1, null),
                        new NetworkEdge("EmbUSA", "alpha", "forward", 4, null),
                        new NetworkEdge("pulse_edge", "gamma", "mention", 4, null),
                        new NetworkEdge("pulse_edge", "EmbUSA", "forward", 9, null)));
        assertThat(NetworkTables.worthAdding(graph)).containsExactly(
                new DiscoveredChannel("Beta", "B", 4, 2),
                new DiscoveredChannel("alpha", null, 4, 1),
                new DiscoveredChannel("gamma", null, 4, 1));
    }

    @Test
    void anOrderIsTheDefaultWhenNotGivenAndNullWhenUnknown() {
        assertThat(NetworkTables.order(null, NetworkTables.EDGE_ORDERS)).isEqualTo("count");
        assertThat(NetworkTables.order(" ", NetworkTables.CHANNEL_ORDERS)).isEqualTo("citations");
        assertThat(NetworkTables.order("lag", NetworkTables.EDGE_ORDERS)).isEqualTo("lag");
        assertThat(NetworkTables.order("lag", NetworkTables.CHANNEL_ORDERS)).isNull();
        assertThat(NetworkTables.order("count;drop", NetworkTables.EDGE_ORDERS)).isNull();
    }

    @Test
    void theGraphJsonHasLowerCaseIdsLinksAndNothingThatEndsTheScriptBlock() {
        NetworkGraph graph = new NetworkGraph(
                List.of(new NetworkNode("EmbUSA", "</script><script>alert(1)</script>", true, 5, null, 1),
                        new NetworkNode("MFARussia", null, false, 0, null, 2)),
                List.of(new NetworkEdge("EmbUSA", "MFARussia", "forward", 2, 60L)));
        String json = NetworkTables.graphJson(graph, n -> n.tracked() ? "/channels/" + n.handle() + "?a=1&b=2"
                : "https://t.me/s/" + n.handle());
        assertThat(json).doesNotContain("<", ">", "&")
                .contains("\"id\":\"embusa\"", "\"label\":\"@EmbUSA\"", "\"tracked\":true", "\"citations\":2")
                .contains("\"url\":\"/channels/EmbUSA?a=1\\u0026b=2\"", "\"url\":\"https://t.me/s/MFARussia\"")
                .contains("\\u003c/script\\u003e")
                .contains("\"kinds\":[\"forward\",\"mention\"]", "\"edges\":[[0,1,0,2]]");
    }
}
