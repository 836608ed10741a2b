package io.channelpulse.build;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's step before the tests, {@code src/build/test-prerequisites.sh}, run on a made-up machine: the
 * binaries it looks for live in a temp folder, and {@code id} and {@code apt-get} are stand-ins on PATH that
 * say who we are and record what would have been installed (installing "creates" the binaries).
 */
class TestPrerequisitesTest {

    static final Path SCRIPT = Path.of("src/build/test-prerequisites.sh").toAbsolutePath();

    @TempDir
    Path machine;
    Path bin;
    Path aptCalls;
    Path aptLists;

    record Run(int exit, List<String> out, List<String> err) {
    }

    @BeforeEach
    void emptyMachine() throws IOException {
        bin = Files.createDirectories(machine.resolve("bin"));
        aptCalls = machine.resolve("apt-calls");
        aptLists = Files.createDirectories(machine.resolve("apt-lists"));
        Files.writeString(aptLists.resolve("deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4"), "");
    }

    @Test
    void withEverythingPresentItExitsAtOnceAndInstallsNothing() throws Exception {
        user(0);
        apt(0);
        present("chromium", "chromium-driver", "postgresql");

        Run run = run();

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(aptCalls).doesNotExist();
    }

    @Test
    void asRootItInstallsExactlyWhatIsMissingAndSaysSoInOneLine() throws Exception {
        user(0);
        apt(0);
        present("chromium-driver");

        Run run = run();

        assertThat(run.exit()).isZero();
        assertThat(run.out()).containsExactly("[test prerequisites] installed the Debian packages chromium postgresql"
                + " with apt-get (they were missing and the tests need them)");
        assertThat(Files.readAllLines(aptCalls)).as("package lists exist, so no update")
                .containsExactly("noninteractive install -y chromium postgresql");
        assertThat(machine.resolve("chromium")).isExecutable();
    }

    @Test
    void itFetchesThePackageListsOnlyWhenThereAreNone() throws Exception {
        user(0);
        apt(0);
        present("chromium", "postgresql");
        Files.delete(aptLists.resolve("deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4"));

        Run run = run();

        assertThat(run.exit()).isZero();
        assertThat(Files.readAllLines(aptCalls)).containsExactly("noninteractive update", "noninteractive install -y chromium-driver");
    }

    @Test
    void notRootItStopsWithOneLineSayingWhatToInstall() throws Exception {
        user(65534);
        apt(0);

        Run run = run();

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).hasSize(1);
        assertThat(run.err().get(0)).contains("not root")
                .contains("apt-get install -y chromium chromium-driver postgresql");
        assertThat(aptCalls).doesNotExist();
    }

    @Test
    void withoutAptGetItStopsWithOneLineNamingThePackages() throws Exception {
        user(0);
        present("chromium", "chromium-driver");

        Run run = run(Map.of("PATH", bin.toString()));

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).containsExactly("[test prerequisites] the tests need the Debian packages postgresql,"
                + " and there is no apt-get here: install them, then run the build again");
    }

    @Test
    void whenAptGetFailsItStopsAndSaysWhatToInstall() throws Exception {
        user(0);
        apt(100);
        present("chromium", "postgresql");

        Run run = run();

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).last().asString()
                .contains("after apt-get install chromium-driver (its output is above) the tests still miss "
                        + machine.resolve("chromedriver"))
                .contains("run as root: apt-get install -y chromium-driver");
        assertThat(Files.readAllLines(aptCalls)).as("a failed install is retried once after fetching the lists")
                .containsExactly("noninteractive install -y chromium-driver", "noninteractive update",
                        "noninteractive install -y chromium-driver");
    }

    void user(int uid) throws IOException {
        executable(bin.resolve("id"), "#!/bin/bash\necho " + uid + "\n");
    }

    /** An apt-get that records its calls and, unless it is told to fail, "installs" the packages it is given. */
    void apt(int exit) throws IOException {
        executable(bin.resolve("apt-get"), """
                #!/bin/bash
                echo "$DEBIAN_FRONTEND $*" >> %s
                [[ $1 == install ]] || exit 0
                [[ %d == 0 ]] || exit %d
                for p in "$@"; do
                  case $p in
                    chromium) touch %s/chromium; chmod +x %s/chromium ;;
                    chromium-driver) touch %s/chromedriver; chmod +x %s/chromedriver ;;
                    postgresql) mkdir -p %s/pg/15/bin; touch %s/pg/15/bin/{postgres,initdb}; chmod +x %s/pg/15/bin/* ;;
                  esac
                done
                """.formatted(aptCalls, exit, exit, machine, machine, machine, machine, machine, machine, machine));
    }

    void present(String... packages) throws IOException {
        for (String p : packages) {
            switch (p) {
                case "chromium" -> executable(machine.resolve("chromium"), "");
                case "chromium-driver" -> executable(machine.resolve("chromedriver"), "");
                case "postgresql" -> {
                    Path pgBin = Files.createDirectories(machine.resolve("pg/17/bin"));
                    executable(pgBin.resolve("postgres"), "");
                    executable(pgBin.resolve("initdb"), "");
                }
                default -> throw new IllegalArgumentException(p);
            }
        }
    }

    static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Run run() throws Exception {
        return run(Map.of("PATH", bin + ":/usr/bin:/bin"));
    }

    Run run(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", SCRIPT.toString())
                .redirectOutput(machine.resolve("out").toFile())
                .redirectError(machine.resolve("err").toFile());
        builder.environment().putAll(Map.of(
                "CHROMIUM_BIN", machine.resolve("chromium").toString(),
                "CHROMEDRIVER_BIN", machine.resolve("chromedriver").toString(),
                "POSTGRESQL_LIB", machine.resolve("pg").toString(),
                "APT_LISTS", aptLists.toString()));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("script finished").isTrue();
        return new Run(process.exitValue(),
                Files.readAllLines(machine.resolve("out"), StandardCharsets.UTF_8),
                Files.readAllLines(machine.resolve("err"), StandardCharsets.UTF_8));
    }
}
