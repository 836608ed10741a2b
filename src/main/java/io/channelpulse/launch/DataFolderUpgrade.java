package io.channelpulse.launch;

import io.quarkus.logging.Log;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Channel Pulse's embedded PostgreSQL was 14 and is now 17, which cannot open a 14 data folder. At start such a
 * folder is upgraded: the 14 server runs on it, its database is copied into a new 17 folder
 * ({@link DatabaseCopy}), and the old folder is kept beside it as {@code postgres-14-backup-<time>}. If anything
 * fails, the new folder is dropped, the old one stays where it was, and the start stops saying what to do.
 */
final class DataFolderUpgrade {

    static final String CURRENT = "17";
    static final String UPGRADABLE = "14";
    /** Written into the new folder once every row is in, so a start after a crash between the renames finishes them. */
    static final String COPIED = "channel-pulse-upgrade-copied";
    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private DataFolderUpgrade() {
    }

    /** Upgrades {@code pgData} to PostgreSQL 17 if an older PostgreSQL made it; a new or 17 folder is left be. */
    static void ifNeeded(Path pgData) throws IOException {
        Path upgrading = pgData.resolveSibling(pgData.getFileName() + "-" + CURRENT + "-upgrade");
        Optional<String> made = majorVersion(pgData);
        if (made.isEmpty() && Files.exists(upgrading.resolve(COPIED))) {
            Log.infof("Finishing an upgrade to PostgreSQL %s that stopped after the copy: %s becomes %s", CURRENT,
                    upgrading, pgData);
            Files.deleteIfExists(pgData);
            putInPlace(upgrading, pgData);
            return;
        }
        if (made.isEmpty() || made.get().equals(CURRENT)) {
            return;
        }
        if (!made.get().equals(UPGRADABLE)) {
            throw new IllegalStateException(pgData + " holds a PostgreSQL " + made.get() + " database, and Channel Pulse"
                    + " runs PostgreSQL " + CURRENT + " and upgrades only folders made by PostgreSQL " + UPGRADABLE
                    + ". Dump it with PostgreSQL " + made.get() + "'s pg_dumpall, move the folder away, start Channel"
                    + " Pulse on an empty one and restore the dump into it with psql.");
        }
        Path backup = pgData.resolveSibling(pgData.getFileName() + "-" + UPGRADABLE + "-backup-"
                + LocalDateTime.now(ZoneOffset.UTC).format(BACKUP_TIME));
        Log.infof("%s was made by PostgreSQL %s; copying its data into a new PostgreSQL %s folder", pgData,
                UPGRADABLE, CURRENT);
        // left by an upgrade that was interrupted: the 14 folder is still the one that counts
        EmbeddedDatabase.stopOrphanedServer(upgrading);
        deleteTree(upgrading);
        DatabaseCopy.Copied copied;
        try (EmbeddedPostgres old = EmbeddedDatabase.server(pgData, Postgres14Binaries.INSTANCE).start();
             EmbeddedPostgres fresh = EmbeddedDatabase.server(upgrading, DefaultPostgresBinaryResolver.INSTANCE).start()) {
            copied = DatabaseCopy.copy(old.getPostgresDatabase(), fresh.getPostgresDatabase());
        } catch (Exception e) {
            deleteQuietly(upgrading);
            throw new IllegalStateException("Could not upgrade the PostgreSQL " + UPGRADABLE + " data in " + pgData
                    + " to PostgreSQL " + CURRENT + ": " + e.getMessage() + ". The folder is untouched. Fix the cause"
                    + " and start again, or run the previous Channel Pulse on it and export what you need, then move"
                    + " it away to start on an empty database.", e);
        }
        // both servers have stopped: the new folder is complete
        Files.createFile(upgrading.resolve(COPIED));
        Files.move(pgData, backup);
        putInPlace(upgrading, pgData);
        Log.infof("Upgraded %s to PostgreSQL %s: %d rows in %d tables, schema version %s. The PostgreSQL %s folder"
                        + " is kept as %s; delete it once you no longer need it.", pgData, CURRENT, copied.rows(),
                copied.tables(), copied.schemaVersion(), UPGRADABLE, backup);
    }

    private static void putInPlace(Path upgraded, Path pgData) throws IOException {
        Files.move(upgraded, pgData);
        Files.delete(pgData.resolve(COPIED));
    }

    /** The major version PostgreSQL wrote into the folder's PG_VERSION, if it made one there. */
    static Optional<String> majorVersion(Path pgData) throws IOException {
        Path file = pgData.resolve("PG_VERSION");
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteTree(folder);
        } catch (IOException e) {
            Log.warnf(e, "Could not remove the unfinished PostgreSQL %s folder %s; remove it by hand", CURRENT, folder);
        }
    }
}
