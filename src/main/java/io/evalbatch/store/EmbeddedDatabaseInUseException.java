package io.evalbatch.store;

/** Another evalbatch process holds the embedded database; only one process may use it at a time. */
public class EmbeddedDatabaseInUseException extends RuntimeException {

    public EmbeddedDatabaseInUseException(String message) {
        super(message);
    }
}
