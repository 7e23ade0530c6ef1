package io.evalbatch.store;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/** An evalbatch of a version that did not share the embedded database holds it; until it ends, no other process may use it. */
public class EmbeddedDatabaseInUseException extends EvalbatchException {

    public EmbeddedDatabaseInUseException(String message) {
        super(ExitCodes.REFUSED, message);
    }
}
