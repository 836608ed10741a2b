package io.channelpulse.launch;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies Channel Pulse's database from a running server into a new, empty one of a later major version:
 * the new one gets the schema from the same Flyway migrations, up to the version the old one had, then
 * every row through COPY and every sequence's position. The zonky archives carry no pg_dump, and a copy of
 * our own schema needs none: tables, columns and constraints come from the migrations, only rows move.
 */
final class DatabaseCopy {

    /** Where the app's migrations are on the classpath (as {@code quarkus.flyway.locations}). */
    static final String MIGRATIONS = "classpath:db/migrations";

    record Copied(String schemaVersion, int tables, long rows) {
    }

    private DatabaseCopy() {
    }

    static Copied copy(DataSource from, DataSource to) throws SQLException {
        try (Connection source = from.getConnection(); Connection target = to.getConnection()) {
            refuseOtherDatabases(source);
            source.setAutoCommit(false);
            source.setReadOnly(true);
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            List<String> tables = tables(source);
            Optional<String> version = schemaVersion(source, tables);
            if (version.isEmpty()) {
                if (!tables.isEmpty()) {
                    throw new SQLException("it has tables (" + String.join(", ", tables)
                            + ") but no Flyway history to rebuild their schema from");
                }
                return new Copied("none", 0, 0);
            }
            Flyway.configure().dataSource(to).locations(MIGRATIONS).target(version.get()).load().migrate();
            List<String> missing = new ArrayList<>(tables);
            missing.removeAll(tables(target));
            if (!missing.isEmpty()) {
                throw new SQLException("the migrations up to version " + version.get() + " do not make the tables "
                        + String.join(", ", missing) + " that it has");
            }
            target.setAutoCommit(false);
            try (Statement statement = target.createStatement()) {
                // no foreign key checks or triggers (counters, notifications) while rows arrive in any order
                statement.execute("SET session_replication_role = replica");
                // the migrations' own rows (starter watchlist, Flyway history) make way for the copied ones
                statement.execute("TRUNCATE " + String.join(", ", tables));
            }
            long rows = 0;
            for (String table : tables) {
                rows += copyRows(source, target, table);
            }
            copySequences(source, target);
            target.commit();
            source.commit();
            return new Copied(version.get(), tables.size(), rows);
        }
    }

    private static void refuseOtherDatabases(Connection source) throws SQLException {
        List<String> others = strings(source,
                "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY datname");
        if (!others.isEmpty()) {
            throw new SQLException("besides Channel Pulse's database it holds the databases "
                    + String.join(", ", others) + ", which this upgrade does not carry over");
        }
    }

    /** Every table outside the system schemas, as a quoted qualified name. */
    private static List<String> tables(Connection connection) throws SQLException {
        return strings(connection, """
                SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_toast%'
                ORDER BY 1""");
    }

    private static Optional<String> schemaVersion(Connection source, List<String> tables) throws SQLException {
        if (!tables.contains("public.flyway_schema_history")) {
            return Optional.empty();
        }
        return strings(source, """
                SELECT version FROM public.flyway_schema_history
                WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1""").stream().findFirst();
    }

    private static long copyRows(Connection source, Connection target, String table) throws SQLException {
        String columns;
        try (PreparedStatement query = target.prepareStatement("""
                SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''""")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                columns = result.getString(1);
            }
        }
        CopyManager reader = source.unwrap(PGConnection.class).getCopyAPI();
        CopyManager writer = target.unwrap(PGConnection.class).getCopyAPI();
        CopyOut out = reader.copyOut("COPY " + table + " (" + columns + ") TO STDOUT");
        CopyIn in = writer.copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        try {
            byte[] row;
            while ((row = out.readFromCopy()) != null) {
                in.writeToCopy(row, 0, row.length);
            }
        } catch (SQLException e) {
            if (in.isActive()) {
                in.cancelCopy();
            }
            throw e;
        }
        long written = in.endCopy();
        if (written != out.getHandledRowCount()) {
            throw new SQLException(table + ": read " + out.getHandledRowCount() + " rows but wrote " + written);
        }
        return written;
    }

    private static void copySequences(Connection source, Connection target) throws SQLException {
        try (Statement query = source.createStatement();
             ResultSet sequences = query.executeQuery("""
                     SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value, start_value
                     FROM pg_sequences""");
             PreparedStatement setval = target.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
            while (sequences.next()) {
                long lastValue = sequences.getLong(2);
                boolean used = !sequences.wasNull();
                setval.setString(1, sequences.getString(1));
                setval.setLong(2, used ? lastValue : sequences.getLong(3));
                setval.setBoolean(3, used);
                setval.execute();
            }
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
