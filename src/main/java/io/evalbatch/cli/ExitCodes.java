package io.evalbatch.cli;

/** Exit codes of every command; the README lists them. */
final class ExitCodes {

    static final int OK = 0;
    /** The run ended but did not complete (FAILED or STOPPED); {@code restart} can continue it. */
    static final int RUN_NOT_COMPLETED = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;
    /** The job definition or an input file was rejected before any work; nothing was stored. */
    static final int INVALID_INPUT = 3;
    /** The command was refused: unknown run, run still running, database held by another process. */
    static final int REFUSED = 4;
    /** Anything else, such as an unreachable database. */
    static final int ERROR = 5;

    private ExitCodes() {
    }
}
