package io.channelpulse.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where people reach this app, for links in mails. */
@ConfigMapping(prefix = "pulse")
public interface PublicUrlConfig {

    @WithName("public-url")
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** The public URL without a trailing slash. */
    default String base() {
        String url = publicUrl().strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
