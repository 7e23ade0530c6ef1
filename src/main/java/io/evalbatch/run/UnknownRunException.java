package io.evalbatch.run;

/** No run has this id. */
public class UnknownRunException extends RuntimeException {

    public UnknownRunException(String runId) {
        super("No run with id '" + runId + "'. 'evalbatch runs' lists the runs.");
    }
}
