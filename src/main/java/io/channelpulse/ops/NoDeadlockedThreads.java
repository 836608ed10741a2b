package io.channelpulse.ops;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Alive unless threads are deadlocked, the one state the app cannot leave without a restart. It never asks the
 * database: an outage makes the app not ready, and a restart would not bring the database back.
 */
@Liveness
@ApplicationScoped
class NoDeadlockedThreads implements HealthCheck {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("Threads");
        long[] deadlocked = threads.findDeadlockedThreads();
        if (deadlocked == null) {
            return health.up().build();
        }
        String names = Arrays.stream(threads.getThreadInfo(deadlocked)).filter(Objects::nonNull)
                .map(ThreadInfo::getThreadName)
                .collect(Collectors.joining(", "));
        return health.down().withData("deadlocked", names).build();
    }
}
