package io.channelpulse.alerts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureTest {

    @Test
    void matchesGitHubsDocumentedExample() {
        // the example of GitHub's "Validating webhook deliveries", whose X-Hub-Signature-256 is the same HMAC
        assertThat(Signature.of("It's a Secret to Everybody", "Hello, World!"))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void signsTheUtf8Bytes() {
        assertThat(Signature.of("k", "Гросси")).isNotEqualTo(Signature.of("k", "Grossi")).startsWith("sha256=").hasSize(71);
    }
}
