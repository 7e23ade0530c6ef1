package io.evalbatch.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The embedded server's {@code postgres.log}, which outlives every process: read from where it
 * stood before a start, so that a server that does not start is explained by what it said then
 * rather than by the library's "gave up waiting".
 */
final class ServerLog {

    /** What a read takes at most: a failed start says its reason near its end. */
    private static final int TAIL = 64 * 1024;

    private static final String PG_CTL = "pg_ctl: ";
    private static final List<String> SEVERITIES = List.of("FATAL:", "PANIC:", "initdb: error:");

    private final Path file;
    private final long start;

    private ServerLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** Marks the log's present end; {@link #reason()} reads what is written after it. */
    static ServerLog from(Path file) {
        try {
            return new ServerLog(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            return new ServerLog(file, 0);
        }
    }

    Path file() {
        return file;
    }

    /**
     * Whether {@code pg_ctl} has said since the mark that the server did not start: it prefixes
     * its errors with its name, and nothing else it says while waiting for a start.
     */
    boolean startFailed() {
        return written().contains(PG_CTL);
    }

    /**
     * Why the server did not start, from what was written since the mark: the server's last
     * FATAL or PANIC line or initdb's error, else {@code pg_ctl}'s own error.
     */
    Optional<String> reason() {
        String written = written();
        return written.lines()
                .filter(line -> SEVERITIES.stream().anyMatch(line::contains))
                .reduce((first, second) -> second)
                .map(ServerLog::afterSeverity)
                .or(() -> written.lines()
                        .filter(line -> line.contains(PG_CTL) && !line.contains(PG_CTL + "could not start server"))
                        .reduce((first, second) -> second)
                        .map(line -> line.substring(line.indexOf(PG_CTL) + PG_CTL.length()).strip()));
    }

    private String written() {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(start, log.length() - TAIL);
            byte[] written = new byte[(int) (log.length() - from)];
            log.seek(from);
            log.readFully(written);
            return new String(written, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Drops the timestamp and pid PostgreSQL puts before its severity. */
    private static String afterSeverity(String line) {
        for (String severity : SEVERITIES) {
            int at = line.indexOf(severity);
            if (at >= 0) {
                return line.substring(at + severity.length()).strip();
            }
        }
        return line.strip();
    }
}
