package io.channelpulse.generate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerateOptionsTest {

    @Test
    void readsTheOptionsInBothSpellings() {
        GenerateOptions options = GenerateOptions.parse("generate", "--posts", "1000000", "--channels=50",
                "--years", "3", "--seed", "-7");
        assertThat(options).isEqualTo(new GenerateOptions(1_000_000, 50, 3, -7L, 2, false));
    }

    @Test
    void withoutTermsIsAFlag() {
        assertThat(GenerateOptions.parse("generate", "--without-terms", "--posts", "10"))
                .isEqualTo(new GenerateOptions(10, 20, 1, null, 2, true));
        assertThatThrownBy(() -> GenerateOptions.parse("generate", "--without-terms=yes"))
                .hasMessageContaining("--without-terms takes no value");
    }

    @Test
    void defaultsWhenLeftOut() {
        assertThat(GenerateOptions.parse("generate"))
                .isEqualTo(new GenerateOptions(100_000, 20, 1, null, 2, false));
    }

    @Test
    void aBadArgumentIsNamed() {
        assertThatThrownBy(() -> GenerateOptions.parse("generate", "--posts", "many"))
                .hasMessageContaining("--posts");
        assertThatThrownBy(() -> GenerateOptions.parse("generate", "--channels", "0"))
                .hasMessageContaining("--channels");
        assertThatThrownBy(() -> GenerateOptions.parse("generate", "--years", "-1"))
                .hasMessageContaining("--years");
        assertThatThrownBy(() -> GenerateOptions.parse("generate", "--years"))
                .hasMessageContaining("--years");
        assertThatThrownBy(() -> GenerateOptions.parse("generate", "--seed", "x"))
                .hasMessageContaining("--seed");
        assertThatThrownBy(() -> GenerateOptions.parse("generate", "--post", "5"))
                .hasMessageContaining("--post");
        assertThatThrownBy(() -> GenerateOptions.parse("generate", "5"))
                .hasMessageContaining("'5'");
    }
}
