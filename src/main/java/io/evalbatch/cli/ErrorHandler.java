package io.evalbatch.cli;

import java.util.Locale;
import java.util.Optional;

import io.evalbatch.error.DiskFull;
import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;
import org.flywaydb.core.api.FlywayException;
import org.springframework.boot.context.properties.bind.BindException;
import picocli.CommandLine;

/** Turns the errors a user can act on into one plain line and an exit code; others keep their trace. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof FlywayException) {
                // A database written by another version of evalbatch: the cause, not the bean chain.
                commandLine.getErr().println("evalbatch: the database schema cannot be brought to this version of "
                        + "evalbatch: " + cause.getMessage());
                commandLine.getErr().flush();
                return ExitCodes.ERROR;
            }
            if (cause instanceof BindException bind) {
                // A setting from the environment that cannot be used: which one, and why. Settings
                // checked together (no single property failed) say themselves which they are.
                String name = bind.getName().toString();
                commandLine.getErr().println(bind.getProperty() == null
                        ? "evalbatch: invalid settings: " + rootCause(bind).getMessage()
                        : "evalbatch: invalid setting " + name + " (environment variable "
                                + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + "): "
                                + rootCause(bind).getMessage());
                commandLine.getErr().flush();
                return ExitCodes.USAGE;
            }
            Integer code = codeFor(cause);
            if (code != null) {
                // One line per error: a job file with several errors reports all of them.
                String.valueOf(cause.getMessage()).lines().forEach(line -> commandLine.getErr().println("evalbatch: " + line));
                commandLine.getErr().flush();
                return code;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                // SQL state class 08: connection exception.
                commandLine.getErr().println("evalbatch: cannot reach the database: " + firstLine(sql.getMessage())
                        + " (EVALBATCH_DB_URL says which; without it evalbatch uses its embedded database)");
                commandLine.getErr().flush();
                return ExitCodes.ERROR;
            }
            Optional<String> full = DiskFull.describe(cause);
            if (full.isPresent()) {
                // Committed work is safe; nothing more can be written until space is freed.
                commandLine.getErr().println("evalbatch: " + full.get() + "; free space on it, then run the command "
                        + "again (a run that stopped continues with evalbatch restart RUN)");
                commandLine.getErr().flush();
                return ExitCodes.ERROR;
            }
            cause = cause.getCause();
        }
        // Unforeseen: the innermost reason in one line; the whole chain only when asked for.
        commandLine.getErr().println("evalbatch: " + firstLine(String.valueOf(rootCause(e).getMessage()))
                + (traceWanted() ? "" : " (EVALBATCH_TRACE=1 prints the stack trace)"));
        if (traceWanted()) {
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return ExitCodes.ERROR;
    }

    private static boolean traceWanted() {
        String trace = System.getenv("EVALBATCH_TRACE");
        return trace != null && !trace.isBlank() && !trace.equals("0");
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static Integer codeFor(Throwable t) {
        return t instanceof EvalbatchException e ? e.exitCode() : null;
    }
}
