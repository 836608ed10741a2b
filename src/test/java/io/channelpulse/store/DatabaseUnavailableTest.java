package io.channelpulse.store;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    @Test
    void aLostOrRefusedConnectionOrAServerShuttingDownIsTheDatabaseBeingAway() {
        assertThat(DatabaseUnavailable.causedIt(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseUnavailable.causedIt(new SQLException("refused", "08001"))).isTrue();
        assertThat(DatabaseUnavailable.causedIt(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.causedIt(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseUnavailable.causedIt(new IllegalStateException(new ConnectException("Connection refused")))).isTrue();
        assertThat(DatabaseUnavailable.causedIt(new SQLTransientConnectionException("pool exhausted"))).isTrue();
        assertThat(DatabaseUnavailable.causedIt(new StoreException("x", new SQLException("Acquisition timeout while waiting for new connection")))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(DatabaseUnavailable.causedIt(new SQLException("syntax error at or near", "42601"))).isFalse();
        assertThat(DatabaseUnavailable.causedIt(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.causedIt(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnavailable.causedIt(new RuntimeException("plain"))).isFalse();
        assertThat(DatabaseUnavailable.causedIt(null)).isFalse();
    }
}
