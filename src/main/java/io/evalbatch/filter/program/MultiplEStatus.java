package io.evalbatch.filter.program;

import io.evalbatch.filter.sandbox.Execution;

/**
 * The status MultiPL-E's evaluators (as bigcode-evaluation-harness ships them) give a program
 * that compiled: OK, Timeout, Exception, and per language AssertionError, ReferenceError (node)
 * or SyntaxError (node, bash), read from the exit status and the output as they read it. One
 * addition: a program that exits with status 0 without its completion token is an Exception.
 */
final class MultiplEStatus {

    static final String OK = "OK";
    static final String TIMEOUT = "Timeout";
    static final String SYNTAX_ERROR = "SyntaxError";
    static final String EXCEPTION = "Exception";

    private MultiplEStatus() {
    }

    static String of(String language, Execution run, boolean tokenSeen) {
        if (run.reachedLimit()) {
            return TIMEOUT;
        }
        String status = byLanguage(language, run);
        return status.equals(OK) && !tokenSeen ? EXCEPTION : status;
    }

    private static String byLanguage(String language, Execution run) {
        boolean exited = run.exitStatus() == 0 && run.signal() == null;
        return switch (language) {
            case "javascript" -> {
                if (exited) {
                    yield OK;
                }
                String output = run.stdout() + run.stderr();
                if (output.contains("ERR_ASSERTION")) {
                    yield "AssertionError";
                }
                if (output.contains("SyntaxError")) {
                    yield SYNTAX_ERROR;
                }
                yield output.contains("ReferenceError") ? "ReferenceError" : EXCEPTION;
            }
            case "bash" -> exited ? OK : run.stderr().contains("syntax error") ? SYNTAX_ERROR : EXCEPTION;
            case "perl" -> !exited || run.stdout().contains("ERROR") || run.stderr().contains("ERROR") ? EXCEPTION : OK;
            default -> exited ? OK : EXCEPTION;
        };
    }
}
