package io.channelpulse.store;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that is away (restarting, down, unreachable) from other database errors. */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /**
     * True if anything in the cause chain says the connection is gone or cannot be made: SQL state class 08
     * (connection exception), 57P01-57P03 (the server shuts down or is starting), a refused connection, or
     * the pool giving up waiting for a connection.
     */
    public static boolean causedIt(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
