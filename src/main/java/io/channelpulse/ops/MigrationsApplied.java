package io.channelpulse.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

import java.util.Arrays;
import java.util.List;

/**
 * Ready only when the database answers and has every migration this build ships, each applied with success:
 * an instance in front of a schema it does not know would fail on its first request instead.
 */
@Readiness
@ApplicationScoped
class MigrationsApplied implements HealthCheck {

    @Inject
    Flyway flyway;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("Database migrations");
        try {
            MigrationInfoService info = flyway.info();
            List<String> pending = Arrays.stream(info.pending()).map(MigrationsApplied::name).toList();
            List<String> failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed())
                    .map(MigrationsApplied::name).toList();
            MigrationInfo current = info.current();
            health.withData("schema version", current == null ? "none" : current.getVersion().getVersion());
            if (!pending.isEmpty()) {
                health.withData("pending", String.join(", ", pending));
            }
            if (!failed.isEmpty()) {
                health.withData("failed", String.join(", ", failed));
            }
            return health.status(current != null && pending.isEmpty() && failed.isEmpty()).build();
        } catch (RuntimeException e) {
            return health.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    private static String name(MigrationInfo migration) {
        return "V" + migration.getVersion().getVersion() + " " + migration.getDescription();
    }
}
