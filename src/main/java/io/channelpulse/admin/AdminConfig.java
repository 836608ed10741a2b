package io.channelpulse.admin;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Who may change things. */
@ConfigMapping(prefix = "pulse.admin")
public interface AdminConfig {

    /** Password of the {@code admin} user; when unset one is generated at first start, stored, and logged once. */
    Optional<String> password();
}
