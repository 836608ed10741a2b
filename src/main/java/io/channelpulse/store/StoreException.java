package io.channelpulse.store;

/** The database refused a write or a read; the transaction is rolled back and nothing is half-stored. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
