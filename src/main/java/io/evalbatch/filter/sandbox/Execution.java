package io.evalbatch.filter.sandbox;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link Command} ended.
 *
 * @param exitStatus      the exit status, or -1 when the command was killed
 * @param signal          the signal that killed it (SIGKILL, SIGSEGV, ...), or null
 * @param timedOut        {@code cpu} or {@code wall} when the sandbox killed it at that limit, else null
 * @param cpuMillis       CPU time of the command and everything it started
 * @param wallMillis      elapsed time
 * @param stdout          standard output, up to the command's {@code outputBytes}
 * @param stdoutTruncated whether standard output was longer
 * @param stderr          the head of standard error
 * @param token           what the command wrote to descriptor 3
 */
public record Execution(int exitStatus, @Nullable String signal, @Nullable String timedOut, long cpuMillis, long wallMillis,
                        String stdout, boolean stdoutTruncated, String stderr, String token) {

    public boolean exitedNormally() {
        return signal == null && timedOut == null;
    }

    /** Whether it ended at a time limit: the sandbox's, or the kernel's CPU limit (SIGXCPU). */
    public boolean reachedLimit() {
        return timedOut != null || "SIGXCPU".equals(signal);
    }
}
