package io.channelpulse.launch;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL 14 server, needed only to read a data folder made before Channel Pulse ran 17. Zonky's 14 and
 * 17 jars hold archives of the same name, so the build unpacks the 14 ones into {@link #FOLDER} (see pom.xml)
 * and this picks the one for this machine the way zonky's own resolver does.
 */
final class Postgres14Binaries implements PgBinaryResolver {

    /** One instance, because zonky unpacks the binaries once per resolver. */
    static final Postgres14Binaries INSTANCE = new Postgres14Binaries();

    static final String FOLDER = "/io/channelpulse/launch/postgres-14/";

    private Postgres14Binaries() {
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        String architecture = ArchUtils.normalize(machineHardware);
        List<String> names = new ArrayList<>();
        String distribution = LinuxUtils.getDistributionName();
        if (distribution != null) {
            names.add(archive(system, architecture + "-" + distribution));
        }
        names.add(archive(system, architecture));
        if (system.equals("Darwin")) {
            // as zonky does: Apple silicon runs the x86_64 build under Rosetta
            names.add(archive(system, "x86_64"));
        }
        for (String name : names) {
            InputStream archive = Postgres14Binaries.class.getResourceAsStream(FOLDER + name);
            if (archive != null) {
                return archive;
            }
        }
        throw new IOException("this build has no PostgreSQL 14 binaries for " + system + " " + machineHardware
                + " (looked for " + String.join(", ", names) + " in " + FOLDER + ")");
    }

    private static String archive(String system, String rest) {
        return ("postgres-" + system + "-" + rest + ".txz").replace(' ', '_').toLowerCase(Locale.ROOT);
    }
}
