package io.channelpulse.launch;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The PostgreSQL 17 that runs inside the app when no external database is configured,
 * with its files in {@code pulse.data-dir} so that data survives restarts. A folder made by
 * the PostgreSQL 14 of earlier versions is upgraded first ({@link DataFolderUpgrade}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String USER = "postgres";
    private static final Duration STALE_SERVER_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (creating on first use) the database whose files live in {@code dataDir}. */
    public static EmbeddedDatabase start(Path dataDir) throws IOException {
        return start(dataDir, 0);
    }

    /** The same on a given port (0: any free one), so that a restarted database is where its clients look. */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        stopOrphanedServer(pgData);
        DataFolderUpgrade.ifNeeded(pgData);
        EmbeddedPostgres.Builder builder = server(pgData, DefaultPostgresBinaryResolver.INSTANCE);
        if (port != 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        return new EmbeddedDatabase(postgres);
    }

    /** A server on {@code pgData} (made on first start) with the given binaries, as the app runs it. */
    static EmbeddedPostgres.Builder server(Path pgData, PgBinaryResolver binaries) {
        return EmbeddedPostgres.builder()
                .setPgBinaryResolver(binaries)
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "60")
                // bulk loads (a backfill, the generator) otherwise checkpoint every few seconds
                .setServerConfig("max_wal_size", "1GB");
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * A run killed without a chance to stop its database leaves the server running on the data directory,
     * and a fresh server refuses to start beside it. Stopping it is safe: it has no clients left.
     */
    static void stopOrphanedServer(Path pgData) {
        orphanedServer(pgData).ifPresent(server -> {
            server.destroy();
            try {
                server.onExit().get(STALE_SERVER_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception stillRunning) {
                server.destroyForcibly();
                server.onExit().join();
            }
        });
    }

    private static Optional<ProcessHandle> orphanedServer(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            long pid = Long.parseLong(firstLine);
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException unreadable) {
            // a half-written pid file means the server never got going; postgres itself clears it
            return Optional.empty();
        }
    }
}
