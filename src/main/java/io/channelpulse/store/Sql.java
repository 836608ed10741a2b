package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.PGStatement;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one way the app runs SQL that Hibernate does not: reports over the rollups and posts, the claim rows of the
 * digest and webhooks, the bookkeeping of polls. A statement with its parameters goes in, rows come out through a
 * lambda that sees a {@link Row}, never a {@link ResultSet}, so no feature outside {@code store} touches JDBC.
 * Each call takes a connection from the pool: inside a JTA transaction it joins it, outside it commits on its own.
 */
@ApplicationScoped
public class Sql {

    /** Reads one row into a value. */
    public interface Mapper<T> {
        T map(Row row);
    }

    /** Takes rows one at a time, e.g. to add them to counts. */
    public interface Reader {
        void read(Row row);
    }

    /** Writes rows one at a time to a stream. */
    public interface Writer {
        void write(Row row) throws IOException;
    }

    @Inject
    DataSource dataSource;

    /** A statement with its parameters, in order; see {@link Parameters#bind} for the types it takes. */
    public Statement query(String sql, Object... parameters) {
        return new Statement(sql, Arrays.asList(parameters), false);
    }

    public Statement query(String sql, List<?> parameters) {
        return new Statement(sql, parameters, false);
    }

    /** Runs a read and hands each row to {@code reader}: the short form of {@code query(sql, parameters).forEach(reader)}. */
    public void forEach(String sql, List<?> parameters, Reader reader) {
        query(sql, parameters).forEach(reader);
    }

    /** The rows of a statement, each read by {@code mapper}: the short form of {@code query(...).list(mapper)}. */
    public <T> List<T> list(String sql, Mapper<T> mapper, Object... parameters) {
        return query(sql, parameters).list(mapper);
    }

    /** Runs an INSERT, UPDATE or DELETE without RETURNING: the short form of {@code query(...).update()}. */
    public int update(String sql, Object... parameters) {
        return query(sql, parameters).update();
    }

    /** One statement, run by one of its terminal methods. */
    public final class Statement {
        private final String sql;
        private final List<?> parameters;
        private final boolean planned;

        private Statement(String sql, List<?> parameters, boolean planned) {
            this.sql = sql;
            this.parameters = parameters;
            this.planned = planned;
        }

        /**
         * Has PostgreSQL plan this statement for its actual parameters every time. How many posts a word, a topic or
         * a name matches ranges from a handful to half of all posts; once the driver prepares a statement on the
         * server (after 5 runs) PostgreSQL may settle on a generic plan that reads every match of a common word,
         * about a second at a million posts, where the plan for the word at hand reads a few thousand rows.
         */
        public Statement plannedForItsParameters() {
            return new Statement(sql, parameters, true);
        }

        public <T> List<T> list(Mapper<T> mapper) {
            List<T> rows = new ArrayList<>();
            forEach(row -> rows.add(mapper.map(row)));
            return rows;
        }

        public <T> Optional<T> first(Mapper<T> mapper) {
            List<T> rows = new ArrayList<>(1);
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = prepare(connection);
                 ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    rows.add(mapper.map(new Row(rs)));
                }
            } catch (SQLException e) {
                throw failed(e);
            }
            return rows.stream().findFirst();
        }

        public void forEach(Reader reader) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = prepare(connection);
                 ResultSet rs = statement.executeQuery()) {
                Row row = new Row(rs);
                while (rs.next()) {
                    reader.read(row);
                }
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        /** Runs an INSERT, UPDATE or DELETE without RETURNING; the number of rows it changed. */
        public int update() {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = prepare(connection)) {
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        /**
         * Hands every row to {@code writer} while the database sends them: a read-only local transaction with a fetch
         * size, so PostgreSQL hands the rows over through a cursor {@code fetchSize} at a time and neither the driver
         * nor the writer holds more than that. Not a JTA transaction: its timeout would cut a long download short.
         *
         * @return how many rows were written
         */
        public long stream(int fetchSize, Writer writer) throws IOException {
            long rows = 0;
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                // The PostgreSQL driver streams through a cursor only with auto-commit off and a fetch size set.
                connection.setAutoCommit(false);
                try (PreparedStatement statement = prepare(connection)) {
                    statement.setFetchSize(fetchSize);
                    try (ResultSet rs = statement.executeQuery()) {
                        Row row = new Row(rs);
                        while (rs.next()) {
                            writer.write(row);
                            rows++;
                        }
                    }
                } finally {
                    // Only reads happened: ending the transaction either way closes the cursor.
                    try {
                        connection.rollback();
                        connection.setAutoCommit(autoCommit);
                    } catch (SQLException ignored) {
                        // the connection is broken; closing it below returns or discards it
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("Could not read from the database after " + rows + " rows", e);
            }
            return rows;
        }

        private PreparedStatement prepare(Connection connection) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            if (planned) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            Parameters.bind(connection, statement, parameters);
            return statement;
        }

        private StoreException failed(SQLException e) {
            return new StoreException("Could not run " + sql.strip().split("\\s+", 2)[0] + " on the database", e);
        }
    }

    /** What the parameters of every statement become, so that callers pass Java values and never JDBC ones. */
    public static final class Parameters {

        private Parameters() {
        }

        /**
         * Binds {@code parameters}: an {@link Instant} as a {@code timestamptz}; arrays of {@link Long}, {@link Integer},
         * {@link String}, {@link LocalDate} or {@link Instant} (or their JDBC forms, for the counting code that
         * still passes them) as PostgreSQL arrays; null as an untyped NULL; anything
         * else as the driver takes it.
         */
        public static void bind(Connection connection, PreparedStatement statement, List<?> parameters) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value == null) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, value(connection, value));
                }
            }
        }

        private static Object value(Connection connection, Object value) throws SQLException {
            if (value instanceof Instant instant) {
                return instant.atOffset(ZoneOffset.UTC);
            } else if (value instanceof Long[] ids) {
                return connection.createArrayOf("bigint", ids);
            } else if (value instanceof Integer[] ints) {
                return connection.createArrayOf("integer", ints);
            } else if (value instanceof String[] texts) {
                return connection.createArrayOf("text", texts);
            } else if (value instanceof LocalDate[] days) {
                return connection.createArrayOf("date", Arrays.stream(days).map(java.sql.Date::valueOf).toArray());
            } else if (value instanceof java.sql.Date[] days) {
                return connection.createArrayOf("date", days);
            } else if (value instanceof java.sql.Timestamp[] times) {
                return connection.createArrayOf("timestamptz", times);
            } else if (value instanceof Instant[] times) {
                return connection.createArrayOf("timestamptz", Arrays.stream(times).map(java.sql.Timestamp::from).toArray());
            }
            return value;
        }
    }
}
