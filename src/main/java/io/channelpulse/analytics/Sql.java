package io.channelpulse.analytics;

import io.channelpulse.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The JDBC form of {@link io.channelpulse.store.Sql}, with its parameter binding, left for the counting code that
 * still reads a {@link ResultSet} (RollupTimezone, MentionRecount, TermQuery, NameHours); it goes when they move to
 * {@code store.Sql}. Every other read uses {@code store.Sql}.
 */
public final class Sql {

    public interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    public static void query(DataSource dataSource, String sql, List<Object> parameters, RowReader reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            io.channelpulse.store.Sql.Parameters.bind(connection, statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read counts", e);
        }
    }
}
