package io.channelpulse.analytics;

import io.channelpulse.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Runs a read-only query whose parameters may include id or key arrays; the one way reads of counts run. */
public final class Sql {

    public interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    public static void query(DataSource dataSource, String sql, List<Object> parameters, RowReader reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Long[] ids) {
                    value = connection.createArrayOf("bigint", ids);
                } else if (value instanceof String[] keys) {
                    value = connection.createArrayOf("text", keys);
                } else if (value instanceof java.sql.Date[] days) {
                    value = connection.createArrayOf("date", days);
                } else if (value instanceof java.sql.Timestamp[] times) {
                    value = connection.createArrayOf("timestamptz", times);
                }
                statement.setObject(i + 1, value);
            }
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
