package io.evalbatch.store;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/** The embedded PostgreSQL cannot be started on its data directory; the message says why in one line. */
public class EmbeddedDatabaseStartException extends EvalbatchException {

    public EmbeddedDatabaseStartException(String message) {
        super(ExitCodes.ERROR, message);
    }

    public EmbeddedDatabaseStartException(String message, Throwable cause) {
        super(ExitCodes.ERROR, message, cause);
    }
}
