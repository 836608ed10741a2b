package io.channelpulse.launch;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchSettingsTest {

    @Test
    void withNothingSetTheEmbeddedDatabaseLivesInData() {
        LaunchSettings settings = LaunchSettings.from(Map.of(), new Properties());
        assertThat(settings.externalDatabase()).isFalse();
        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void aJdbcUrlFromTheEnvironmentOrASystemPropertyMeansNoEmbeddedDatabase() {
        assertThat(LaunchSettings.from(Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db/pulse"),
                new Properties()).externalDatabase()).isTrue();
        Properties system = new Properties();
        system.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/pulse");
        assertThat(LaunchSettings.from(Map.of(), system).externalDatabase()).isTrue();
        assertThat(LaunchSettings.from(Map.of("QUARKUS_DATASOURCE_JDBC_URL", " "), new Properties())
                .externalDatabase()).isFalse();
    }

    @Test
    void theDataDirectoryComesFromPropertyThenEnvironment() {
        Properties system = new Properties();
        assertThat(LaunchSettings.from(Map.of("PULSE_DATA_DIR", "/srv/pulse"), system).dataDir())
                .isEqualTo(Path.of("/srv/pulse"));
        system.setProperty("pulse.data-dir", "/opt/pulse");
        assertThat(LaunchSettings.from(Map.of("PULSE_DATA_DIR", "/srv/pulse"), system).dataDir())
                .isEqualTo(Path.of("/opt/pulse"));
    }
}
