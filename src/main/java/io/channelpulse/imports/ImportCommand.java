package io.channelpulse.imports;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

/**
 * {@code import FILE --channel HANDLE [--timezone ZONE]}: imports a Telegram Desktop export (result.json or a ZIP
 * of the export folder) in this process, for files too big to upload, printing progress after every batch.
 */
@ApplicationScoped
@Unremovable // looked up programmatically by the launcher (CDI.current()), so the build must keep it
public class ImportCommand {

    public static final String NAME = "import";

    static final String USAGE = """
            Usage: java -jar quarkus-run.jar import FILE --channel HANDLE [--timezone ZONE]
              Imports a Telegram Desktop export of a channel (its result.json, or a ZIP of the export folder) into the
              configured database through the same storage and counting path as polled posts. Messages already
              stored are not stored twice. A channel that is not tracked is created paused.
              --channel   the channel's handle, e.g. EmbUSA
              --timezone  zone of the export's local times, for exports without date_unixtime (default pulse.timezone)""";

    @Inject
    Imports imports;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** Where progress and errors go (tests capture them). */
    void printTo(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @return the exit code: 0 done, 1 failed, 2 bad arguments */
    public int run(String... args) {
        String file = null;
        String channel = null;
        String timezone = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--channel" -> channel = i + 1 < args.length ? args[++i] : null;
                case "--timezone" -> timezone = i + 1 < args.length ? args[++i] : null;
                default -> {
                    if (file != null || args[i].startsWith("--")) {
                        return usage("unexpected argument '" + args[i] + "'");
                    }
                    file = args[i];
                }
            }
        }
        if (file == null || channel == null) {
            return usage(file == null ? "FILE is required" : "--channel HANDLE is required");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            return usage("'" + file + "' is not a file");
        }
        ZoneId zone;
        try {
            zone = timezone == null ? imports.defaultZone() : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return usage("'" + timezone + "' is not a time zone like Europe/Moscow or UTC");
        }
        Imports.Prepared prepared;
        try {
            prepared = imports.prepare(path, path.getFileName().toString(), channel, zone);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (Imports.Refused e) {
            err.println("import: " + file + ": " + e.problem().describe());
            return 1;
        }
        out.printf(Locale.ROOT, "import %d: %s into @%s (local times in %s)%n", prepared.id(), file,
                prepared.handle(), zone);
        long started = System.nanoTime();
        ImportStatus status = imports.run(prepared, progress -> {
            if (!progress.finished()) {
                out.println(line(progress, started));
            }
        });
        out.println(status.state() + ": " + line(status, started));
        status.errors().forEach(problem -> err.println("import: " + problem.describe()));
        return status.state().equals("done") ? 0 : 1;
    }

    private int usage(String problem) {
        err.println("import: " + problem);
        err.println(USAGE);
        return 2;
    }

    private static String line(ImportStatus status, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return String.format(Locale.ROOT, "read %,d messages, stored %,d, skipped %,d (%,d messages/s)", status.read(),
                status.stored(), status.skipped(), seconds <= 0 ? 0 : Math.round(status.read() / seconds));
    }
}
