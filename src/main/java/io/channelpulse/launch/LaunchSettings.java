package io.channelpulse.launch;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What the launcher needs to know before Quarkus reads its configuration:
 * whether an external PostgreSQL is configured and where the embedded one keeps its files.
 */
record LaunchSettings(boolean externalDatabase, Path dataDir) {

    static final String DEFAULT_DATA_DIR = "./data";

    static LaunchSettings from(Map<String, String> env, Properties system) {
        boolean external = present(system.getProperty("quarkus.datasource.jdbc.url"))
                || present(env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        String dataDir = firstPresent(system.getProperty("pulse.data-dir"), env.get("PULSE_DATA_DIR"), DEFAULT_DATA_DIR);
        return new LaunchSettings(external, Path.of(dataDir).toAbsolutePath().normalize());
    }

    private static String firstPresent(String... values) {
        for (String value : values) {
            if (present(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("no value");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
