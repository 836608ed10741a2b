package io.channelpulse.digest;

import io.channelpulse.store.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signs unsubscribe links: HMAC-SHA256 of the subscriber id with {@code pulse.digest.secret}, or with a key
 * generated once and kept in the settings table (the first instance to store it wins).
 */
@ApplicationScoped
public class DigestSecret {

    private static final String SETTING = "digest.secret";

    @Inject
    DigestConfig config;

    @Inject
    Settings settings;

    private volatile byte[] key;

    public String token(long subscriberId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] signature = mac.doFinal(("unsubscribe:" + subscriberId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verify(long subscriberId, String token) {
        return token != null && MessageDigest.isEqual(token(subscriberId).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] key() {
        byte[] current = key;
        if (current == null) {
            String configured = config.secret().filter(s -> !s.isBlank()).orElse(null);
            if (configured == null) {
                current = Base64.getDecoder().decode(settings.getOrCreate(SETTING, () -> {
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return Base64.getEncoder().encodeToString(random);
                }).value());
            } else {
                current = configured.getBytes(StandardCharsets.UTF_8);
            }
            key = current;
        }
        return current;
    }
}
