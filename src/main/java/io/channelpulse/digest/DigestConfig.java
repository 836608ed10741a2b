package io.channelpulse.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.LocalTime;
import java.util.Optional;

/** The daily digest: when it goes out, and the key its unsubscribe links are signed with. */
@ConfigMapping(prefix = "pulse.digest")
public interface DigestConfig {

    /** Local time (in pulse.timezone) the digest of the previous day goes out. */
    @WithDefault("07:00")
    LocalTime time();

    /** Key of the unsubscribe-link signatures; when unset, one is generated once and kept in the database. */
    Optional<String> secret();

    /** Most attempts at one subscriber's digest of one day before it stays marked failed. */
    @WithDefault("8")
    int maxAttempts();
}
