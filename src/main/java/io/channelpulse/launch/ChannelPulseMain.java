package io.channelpulse.launch;

import io.channelpulse.generate.GenerateCommand;
import io.channelpulse.imports.ImportCommand;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import jakarta.enterprise.inject.spi.CDI;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts the embedded PostgreSQL unless an external one is configured, then the app.
 * The database must be up before Quarkus starts, because migrations run at start.
 */
@QuarkusMain
public class ChannelPulseMain {

    public static void main(String... args) throws Exception {
        if (args.length > 0 && (args[0].equals(GenerateCommand.NAME) || args[0].equals(ImportCommand.NAME))) {
            // A one-off command: no polling, and no clash with a dashboard already serving on the usual port.
            System.setProperty("pulse.poll.enabled", "false");
            System.setProperty("quarkus.http.port", "0");
        }
        LaunchSettings settings = LaunchSettings.from(System.getenv(), System.getProperties());
        if (settings.externalDatabase()) {
            Quarkus.run(App.class, args);
            return;
        }
        Log.infof("Starting the embedded PostgreSQL in %s", settings.dataDir());
        EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDir());
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        System.setProperty("quarkus.datasource.username", EmbeddedDatabase.USER);
        CountDownLatch appStopped = new CountDownLatch(1);
        // On SIGTERM the JVM runs its hooks while Quarkus stops; the database goes last.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                appStopped.await(30, TimeUnit.SECONDS);
                database.close();
            } catch (Exception e) {
                Log.warn("Could not stop the embedded PostgreSQL cleanly; the next start recovers it", e);
            }
        }, "embedded-postgres-stop"));
        Quarkus.run(App.class, (exitCode, failure) -> {
            appStopped.countDown();
            if (failure != null) {
                Log.error("Channel Pulse stopped with an error", failure);
            }
            System.exit(exitCode);
        }, args);
    }

    public static class App implements QuarkusApplication {

        @Override
        public int run(String... args) {
            if (args.length > 0) {
                if (args[0].equals(GenerateCommand.NAME)) {
                    return CDI.current().select(GenerateCommand.class).get().run(args);
                }
                if (args[0].equals(ImportCommand.NAME)) {
                    return CDI.current().select(ImportCommand.class).get().run(args);
                }
                System.err.println("Unknown command '" + args[0] + "'. Usage: java -jar quarkus-run.jar "
                        + "[generate --posts N --channels C --years Y | import FILE --channel HANDLE [--timezone ZONE]]");
                return 2;
            }
            Quarkus.waitForExit();
            return 0;
        }
    }
}
