package io.channelpulse.digest;

import io.channelpulse.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Small autocommit JDBC helpers: every call is its own committed transaction. Shared by the parts whose claim rows
 * must be committed before anything goes out (the digest, alerts).
 */
public final class Jdbc {

    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Jdbc() {
    }

    public static <T> List<T> query(DataSource dataSource, String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rs = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.read(rs));
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("Could not read from the database", e);
        }
    }

    public static int update(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Could not write to the database", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Long[] ids) {
                value = connection.createArrayOf("bigint", ids);
            } else if (value instanceof String[] texts) {
                value = connection.createArrayOf("text", texts);
            } else if (value instanceof java.time.Instant instant) {
                value = java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
            }
            statement.setObject(i + 1, value);
        }
        return statement;
    }

    public static List<String> strings(java.sql.Array array) throws SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }
}
