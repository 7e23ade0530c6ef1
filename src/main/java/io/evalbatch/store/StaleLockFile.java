package io.evalbatch.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code postmaster.pid} of a server that no longer runs, left by a crash of the machine or of
 * every process. PostgreSQL ignores such a file when its pid is dead, but refuses to start while
 * that pid belongs to any live process — which after a reboot it often does. So it is removed,
 * once no process of the old server is left on the directory: PostgreSQL's own check of its
 * shared memory, which the file keys, is only bypassed when nothing can still use it. The
 * server that starts then recovers from its write-ahead log, as after any crash.
 */
final class StaleLockFile {

    private static final Logger log = LoggerFactory.getLogger(StaleLockFile.class);
    /** Backends of a killed postmaster notice its death and exit within moments. */
    private static final Duration ORPHANS_EXIT = Duration.ofSeconds(10);

    private StaleLockFile() {
    }

    /** Called with the start lock held, once no server answers on the directory. */
    static void remove(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(lockFile) || !Files.isDirectory(Path.of("/proc"))) {
            // Without /proc the server's processes cannot be told apart: PostgreSQL's own checks decide.
            return;
        }
        List<ProcessHandle> left = ServerProcesses.on(dataDirectory);
        long deadline = System.nanoTime() + ORPHANS_EXIT.toNanos();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            sleep();
            left = ServerProcesses.on(dataDirectory);
        }
        if (!left.isEmpty()) {
            throw new EmbeddedDatabaseStartException(("processes of an earlier PostgreSQL server still run on %s "
                    + "(pids %s) and take no connections; stop them (kill PID), then retry").formatted(dataDirectory,
                    left.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "))));
        }
        log.warn("Removing {}, left by a PostgreSQL server that no longer runs; the server recovers "
                + "from its write-ahead log as after any crash", lockFile);
        Files.deleteIfExists(lockFile);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an old PostgreSQL server to exit", e);
        }
    }
}
