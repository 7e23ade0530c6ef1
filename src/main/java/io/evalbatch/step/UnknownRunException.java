package io.evalbatch.step;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/** No run has this id (or, where a label may stand for a run, this label). */
public class UnknownRunException extends EvalbatchException {

    public UnknownRunException(String runId) {
        super(ExitCodes.REFUSED, "No run with id '" + runId + "'. 'evalbatch runs' lists the runs.");
    }

    private UnknownRunException(String name, boolean labelToo) {
        super(ExitCodes.REFUSED, "No run with id '" + name + "' and no completed run labelled so. 'evalbatch runs' lists the runs.");
    }

    /** For commands that take a run id or a run label. */
    public static UnknownRunException idOrLabel(String name) {
        return new UnknownRunException(name, true);
    }
}
