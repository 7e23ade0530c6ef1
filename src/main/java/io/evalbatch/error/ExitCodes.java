package io.evalbatch.error;

/** Exit codes of every command; the README lists them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The run ended but did not complete (FAILED or STOPPED); {@code restart} can continue it. */
    public static final int RUN_NOT_COMPLETED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The job definition or an input file was rejected before any work; nothing was stored. */
    public static final int INVALID_INPUT = 3;
    /** The command was refused: unknown run, run still running, database held by another process. */
    public static final int REFUSED = 4;
    /** Anything else, such as an unreachable database. */
    public static final int ERROR = 5;

    private ExitCodes() {
    }
}
