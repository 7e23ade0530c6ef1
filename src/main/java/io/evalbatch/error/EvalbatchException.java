package io.evalbatch.error;

/**
 * What evalbatch says when it refuses or cannot do something the user asked: a message meant for
 * the terminal (one line, or one per error when several were found at once, as in a job file)
 * and the exit code the command ends with. The command line prints these and nothing else;
 * failures of a run are explained by the first of them in the cause chain. Anything that is not
 * one is unforeseen, and reported as such.
 */
public abstract class EvalbatchException extends RuntimeException {

    private final int exitCode;

    protected EvalbatchException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    protected EvalbatchException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** One of {@link ExitCodes}. */
    public int exitCode() {
        return exitCode;
    }
}
