package io.evalbatch.distribute;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/**
 * A partition of a distributed run ended without being scored to its end because its worker died
 * or was shut down. {@code restart} (or {@code --auto-restart}) gives it to another worker.
 */
public class PartitionLostException extends EvalbatchException {

    public PartitionLostException(String message) {
        super(ExitCodes.ERROR, message);
    }
}
