package io.channelpulse.testing;

import io.channelpulse.launch.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What every Quarkus test runs against: a real PostgreSQL (embedded, in a temporary directory, unless
 * QUARKUS_DATASOURCE_JDBC_URL names one) and the Telegram stand-in on localhost.
 */
@QuarkusTestResource(PulseTestResources.class)
public class PulseTestResources implements QuarkusTestResourceLifecycleManager {

    private static TelegramStandIn telegram;
    private static EmbeddedDatabase database;
    private static Path databaseDir;

    public static TelegramStandIn telegram() {
        return telegram;
    }

    @Override
    public Map<String, String> start() {
        telegram = new TelegramStandIn();
        Map<String, String> config = new HashMap<>();
        config.put("pulse.telegram.base-url", telegram.baseUrl());
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null) {
            try {
                databaseDir = Files.createTempDirectory("pulse-test-db");
                database = EmbeddedDatabase.start(databaseDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
            config.put("quarkus.datasource.username", "postgres");
        }
        return config;
    }

    /** Stops the embedded database, as an outage or the first half of a restart would. */
    public static synchronized void stopDatabase() throws IOException {
        if (database == null) {
            throw new IllegalStateException("The tests do not run the database (QUARKUS_DATASOURCE_JDBC_URL is set)");
        }
        port = database.port();
        database.close();
    }

    /** Starts it again on the same files and port: the second half of a restart. */
    public static synchronized void startDatabase() throws IOException {
        database = EmbeddedDatabase.start(databaseDir, port);
    }

    private static int port;

    @Override
    public void stop() {
        telegram.close();
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TempDirs.delete(databaseDir);
        }
    }
}
