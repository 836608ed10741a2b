package io.channelpulse.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of Debian's {@code postgresql} package, started outside the app as a team's server
 * would be: initdb in a temporary folder, listening on a free loopback port. PostgreSQL refuses to run as root,
 * so as root it runs as the {@code postgres} OS user, which then owns the folder.
 */
public final class DebianPostgres implements AutoCloseable {

    public static final String USER = "pulse";

    private final Path bin;
    private final Path dir;
    private final int port;

    private DebianPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The newest installed server's bin folder ({@code /usr/lib/postgresql/<major>/bin}), if any. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> majors = Files.list(root)) {
            return majors.filter(major -> major.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(major -> Integer.parseInt(major.getFileName().toString())))
                    .map(major -> major.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A fresh cluster with a trusted superuser {@value #USER}, running until {@link #close()}. */
    public static DebianPostgres start(Path bin) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pulse-postgres");
        DebianPostgres server = new DebianPostgres(bin, dir, freePort());
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        server.asServerUser(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", USER,
                "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
        server.asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", server.data().toString(),
                "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60",
                "-o", "-p " + server.port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"));
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /** The server's log, for a look after a failure. */
    public Path log() {
        return dir.resolve("postgres.log");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w",
                    "stop"));
        } finally {
            TempDirs.delete(dir);
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void asServerUser(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
