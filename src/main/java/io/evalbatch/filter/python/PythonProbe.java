package io.evalbatch.filter.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.evalbatch.filter.ScoringUnavailableException;

/** Asks the configured interpreter something about itself, before any sample runs. */
final class PythonProbe {

    private PythonProbe() {
    }

    /** What {@code code} prints, trimmed; a command that is not a working Python makes scoring unavailable. */
    static String run(String command, String code) {
        try {
            Process probe = new ProcessBuilder(command, "-c", code).redirectErrorStream(true).start();
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
