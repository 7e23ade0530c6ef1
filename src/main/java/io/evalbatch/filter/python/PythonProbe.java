package io.evalbatch.filter.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.evalbatch.filter.ScoringUnavailableException;

/** Asks the configured interpreter something about itself, before any sample runs. */
public final class PythonProbe {

    private PythonProbe() {
    }

    /**
     * The interpreter's own path: launchers such as pyenv shims are scripts that cost more than
     * the sample itself, and would need an environment the sandbox must not pass on.
     */
    public static String executable(String command) {
        return run(command, "import sys; print(sys.executable)");
    }

    /** The interpreter's path and version: what, besides a filter's options, decides how its programs score. */
    public static String runtime(String command) {
        return run(command, "import sys; print(sys.executable); print(sys.version)");
    }

    /** What {@code code} prints, trimmed; a command that is not a working Python makes scoring unavailable. */
    public static String run(String command, String code) {
        return run(new ProcessBuilder(command, "-c", code), command);
    }

    /**
     * As {@link #run(String, String)}, with the interpreter as the sandbox starts it: an environment
     * of PATH alone (no PYTHONPATH of evalbatch's) and without the user's site-packages.
     */
    static String runAsSandbox(String command, String code) {
        ProcessBuilder builder = new ProcessBuilder(command, "-s", "-c", code);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("LC_ALL", "C.UTF-8");
        return run(builder, command);
    }

    private static String run(ProcessBuilder builder, String command) {
        try {
            Process probe = builder.redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0 || output.isEmpty()) {
                probe.destroyForcibly();
                throw new ScoringUnavailableException("'" + command + "' does not run Python: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new ScoringUnavailableException("cannot run '" + command + "': " + e.getMessage()
                    + ". Install Python 3 or set filter.python to its path.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringUnavailableException("interrupted while looking for " + command);
        }
    }
}
