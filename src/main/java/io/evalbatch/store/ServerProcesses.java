package io.evalbatch.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The live processes of a PostgreSQL server on a data directory: its postmaster and its backends
 * all work in that directory (the postmaster changes into it, and they are its children), which
 * tells them apart from any other process, a pid reused after a reboot or a server of another
 * directory included. Read from Linux's {@code /proc}; where there is none, a postgres process
 * is taken for the directory's.
 */
final class ServerProcesses {

    private ServerProcesses() {
    }

    /** Whether {@code process} is a postgres process working in {@code dataDirectory}. */
    static boolean serves(ProcessHandle process, Path dataDirectory) {
        if (!process.isAlive() || !process.info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            return false;
        }
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return true;
        }
        try {
            Path cwd = Files.readSymbolicLink(proc.resolve(Long.toString(process.pid())).resolve("cwd"));
            return cwd.equals(dataDirectory.toAbsolutePath().normalize()) || Files.isSameFile(cwd, dataDirectory);
        } catch (IOException | SecurityException e) {
            // Gone meanwhile, or another user's: not a server this process can have started.
            return false;
        }
    }

    /** Every live process of a server on {@code dataDirectory}, postmaster or backend. */
    static List<ProcessHandle> on(Path dataDirectory) {
        return ProcessHandle.allProcesses().filter(p -> serves(p, dataDirectory)).toList();
    }
}
