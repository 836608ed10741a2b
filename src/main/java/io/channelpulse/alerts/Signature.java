package io.channelpulse.alerts;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** The X-Pulse-Signature of a webhook body, as GitHub's X-Hub-Signature-256: HMAC-SHA256 of the raw bytes. */
final class Signature {

    static final String HEADER = "X-Pulse-Signature";

    private Signature() {
    }

    /** {@code sha256=} and the lowercase hex HMAC-SHA256 of the UTF-8 body with the secret as key. */
    static String of(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
