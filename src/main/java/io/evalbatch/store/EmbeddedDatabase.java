package io.evalbatch.store;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server with a persistent data directory under the evalbatch home, so that
 * {@code restart} and {@code results} work in a later invocation.
 *
 * <p>Only one evalbatch process may use it at a time: an OS file lock on {@code evalbatch.lock}
 * says who. The lock dies with its process, also on SIGKILL, and then the postmaster of that
 * process may survive as an orphan; holding the lock proves that nobody uses it any more, so it is
 * shut down before a new server is started on the same directory.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STALE_SERVER_SHUTDOWN = Duration.ofSeconds(30);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path home) {
        return start(home, null);
    }

    /** @param port the server's port, or null for a free one */
    public static EmbeddedDatabase start(Path home, @Nullable Integer port) {
        Path dataDirectory = home.resolve("postgres");
        FileChannel channel = null;
        try {
            Files.createDirectories(home);
            channel = FileChannel.open(home.resolve("evalbatch.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = readHolder(channel);
                throw new EmbeddedDatabaseInUseException(("The embedded database in %s is in use by another evalbatch "
                        + "process%s. Wait for it to finish, set EVALBATCH_HOME to use another directory, or set "
                        + "EVALBATCH_DB_URL to a PostgreSQL server that several processes can share.")
                        .formatted(home, holder.isEmpty() ? "" : " (" + holder + ")"));
            }
            writeHolder(channel);
            stopOrphanedServer(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port != null) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // The library turns durability off for tests; results must survive a crash.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedDatabase(channel, lock, postgres);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // released with the channel anyway
            }
            closeQuietly(lockChannel);
        }
    }

    /**
     * A postmaster whose JVM was killed keeps running and keeps the data directory. We hold the
     * lock, so no evalbatch process uses it: stop it (SIGTERM is PostgreSQL's smart shutdown, which
     * returns at once since its clients are gone) and wait until it has released the directory.
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> server = postmasterOf(pidFile);
        if (server.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = server.get();
        log.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left by an evalbatch process that was killed",
                postmaster.pid());
        postmaster.destroy();
        long deadline = System.nanoTime() + STALE_SERVER_SHUTDOWN.toNanos();
        while (postmaster.isAlive() && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (postmaster.isAlive()) {
            postmaster.destroyForcibly();
            while (postmaster.isAlive()) {
                sleep(100);
            }
        }
    }

    private static Optional<ProcessHandle> postmasterOf(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // A reused pid must not make us kill an unrelated process.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void writeHolder(FileChannel channel) throws IOException {
        String holder = "pid " + ProcessHandle.current().pid();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping an orphaned PostgreSQL server", e);
        }
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
