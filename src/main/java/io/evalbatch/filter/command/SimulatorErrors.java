package io.evalbatch.filter.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulator's standard error, logged line by line with the sample it belongs to. It goes to a
 * file rather than a pipe: whatever the simulator wrote before its reply is in the file when the
 * reply arrives, so reading the file then gives each line to the right sample (a pipe read by a
 * thread of its own gave lines late, to the next sample).
 */
final class SimulatorErrors implements AutoCloseable {

    private static final int MAX_LOGGED_BYTES = 2000;
    private static final Logger log = LoggerFactory.getLogger(SimulatorErrors.class);

    private final Path file;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long offset;

    private SimulatorErrors(Path file) {
        this.file = file;
    }

    static SimulatorErrors create() {
        try {
            return new SimulatorErrors(Files.createTempFile("evalbatch-simulator-", ".stderr"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file for a simulator's stderr: " + e.getMessage(), e);
        }
    }

    ProcessBuilder.Redirect redirect() {
        return ProcessBuilder.Redirect.appendTo(file.toFile());
    }

    /** Logs the lines written since the last call, as the simulator's output while on {@code sampleId}. */
    synchronized void log(long pid, long sampleId) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            int read;
            while ((read = channel.read(buffer, offset)) > 0) {
                offset += read;
                for (int i = 0; i < read; i++) {
                    byte b = buffer.get(i);
                    if (b == '\n') {
                        log.info("simulator {} (sample {}): {}", pid, sampleId, line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else if (line.size() < MAX_LOGGED_BYTES) {
                        line.write(b);
                    }
                }
                buffer.clear();
            }
        } catch (IOException e) {
            log.warn("simulator {}: cannot read its stderr: {}", pid, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temporary file: the system cleans it up eventually.
        }
    }
}
