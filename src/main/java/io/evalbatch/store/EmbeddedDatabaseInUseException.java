package io.evalbatch.store;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/** Another evalbatch process holds the embedded database; only one process may use it at a time. */
public class EmbeddedDatabaseInUseException extends EvalbatchException {

    public EmbeddedDatabaseInUseException(String message) {
        super(ExitCodes.REFUSED, message);
    }
}
