package io.channelpulse.store;

import java.sql.SQLException;
import java.util.Optional;

/** The database refused a write or a read; the transaction is rolled back and nothing is half-stored. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The database's reason when it refused a value (SQL states of class 22, data exceptions, and 23, integrity
     * constraints), which only some rows of a batch cause; empty for any other failure.
     */
    public static Optional<String> refusedValue(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return Optional.of(sql.getMessage());
            }
        }
        return Optional.empty();
    }
}
