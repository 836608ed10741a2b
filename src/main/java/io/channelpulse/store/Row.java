package io.channelpulse.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The current row of a {@link Sql} statement, read by column number (from 1, as in SQL), without JDBC's checked
 * exceptions. The primitive getters read NULL as 0 or false, as JDBC does; the boxed and object ones as null.
 */
public final class Row {

    private final ResultSet rs;

    Row(ResultSet rs) {
        this.rs = rs;
    }

    public String getString(int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    public long getLong(int column) {
        try {
            return rs.getLong(column);
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    public int getInt(int column) {
        try {
            return rs.getInt(column);
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    public double getDouble(int column) {
        try {
            return rs.getDouble(column);
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    public boolean getBoolean(int column) {
        try {
            return rs.getBoolean(column);
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    /** The column as the driver gives it (a bigint as a {@link Long}, NULL as null). */
    public Object getObject(int column) {
        try {
            return rs.getObject(column);
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    /** The column as {@code type}: a date as {@code LocalDate}, a timestamp as {@code LocalDateTime}. */
    public <T> T getObject(int column, Class<T> type) {
        try {
            return rs.getObject(column, type);
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    /** A bigint that may be NULL. */
    public Long getNullableLong(int column) {
        return (Long) getObject(column);
    }

    /** A timestamptz, null for NULL. */
    public Instant getInstant(int column) {
        try {
            Timestamp at = rs.getTimestamp(column);
            return at == null ? null : at.toInstant();
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    /** A text[] column, by {@link #texts(Object[])}'s rule. */
    public List<String> getTexts(int column) {
        try {
            Array array = rs.getArray(column);
            if (array == null) {
                return List.of();
            }
            try {
                return texts((Object[]) array.getArray());
            } finally {
                array.free();
            }
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    /**
     * The one rule for reading a text array: a NULL array is an empty list (no tags, no mentions, no filter), and an
     * element is kept as it is, NULL elements too, in order. Tables where a NULL array means something else (every
     * channel, every metric) are entities that map their own columns.
     */
    static List<String> texts(Object[] elements) {
        if (elements == null) {
            return List.of();
        }
        List<String> texts = new ArrayList<>(elements.length);
        for (Object element : elements) {
            texts.add((String) element);
        }
        return Collections.unmodifiableList(texts);
    }

    /** Whether the column read last was NULL. */
    public boolean wasNull() {
        try {
            return rs.wasNull();
        } catch (SQLException e) {
            throw new StoreException("Could not read a row", e);
        }
    }

    private static StoreException failed(int column, SQLException e) {
        return new StoreException("Could not read column " + column + " of a row", e);
    }
}
