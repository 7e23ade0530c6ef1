package io.evalbatch.run;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/** A run cannot be started or restarted as asked; the message says why and what to do. */
public class RunRefusedException extends EvalbatchException {

    public RunRefusedException(String message) {
        super(ExitCodes.REFUSED, message);
    }
}
