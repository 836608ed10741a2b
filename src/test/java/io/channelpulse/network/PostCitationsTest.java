package io.channelpulse.network;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostCitationsTest {

    @Test
    void aForwardAndTheHandlesItsTextNames() {
        PostCitations cited = PostCitations.of("Via @Bravo_News, more at t.me/charlie_news and putin@kremlin.example",
                List.of("https://t.me/s/Delta_News/12"), "ALPHA_news", false);
        assertThat(cited.forward()).isEqualTo("alpha_news");
        assertThat(cited.mentions()).containsExactly("bravo_news", "charlie_news", "delta_news");
        assertThat(cited.targets()).containsExactly("alpha_news", "bravo_news", "charlie_news", "delta_news");
    }

    @Test
    void aPostThatForwardsAndMentionsAChannelCitesItOnce() {
        PostCitations cited = PostCitations.of("From @alpha_news", List.of(), "alpha_news", false);
        assertThat(cited.targets()).containsExactly("alpha_news");
    }

    @Test
    void watchedNamesAreNotChannelsAndServiceMessagesCiteNothing() {
        assertThat(PostCitations.of("Lavrov met Putin", List.of(), null, false).targets()).isEmpty();
        assertThat(PostCitations.of("@alpha_news pinned a message", List.of(), "alpha_news", true)).isEqualTo(PostCitations.NONE);
        assertThat(PostCitations.of("text", List.of(), " ", false).forward()).as("a blank handle is no source").isNull();
    }
}
