package io.evalbatch.store;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server with a persistent data directory under the evalbatch home, so that
 * {@code restart} and {@code results} work in a later invocation, shared by every evalbatch
 * process on the machine that uses the same home.
 *
 * <p>The first process that needs it starts it (PostgreSQL's own {@code pg_ctl}, through the
 * embedded library); every later one finds it in PostgreSQL's {@code postmaster.pid} (its pid and
 * port) and connects. Each process holds a shared OS lock on {@code evalbatch.lock} for as long as
 * it uses the server; the lock dies with its process, also on SIGKILL. A process that ends takes
 * the lock exclusively if it can — then no other process uses the server — and stops it, so no
 * server is left behind once the last one ends; the server outlives the process that started it
 * while others use it. Starting and stopping are serialized by {@code evalbatch.start.lock}, so
 * that a process never connects to a server another is stopping, and never two servers run on
 * one data directory. A server left running by a crash of every process is found and used.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration SERVER_STOP = Duration.ofSeconds(30);

    private final Path home;
    private final Path dataDirectory;
    private final FileChannel usersChannel;
    /** This process's share of the server; null when another user in this JVM holds it already. */
    private final @Nullable FileLock use;
    /** The server this process started, or null when it found one running. */
    private final @Nullable EmbeddedPostgres started;
    /** What the server's log says when it could listen on no address of its port. */
    private static final String PORT_TAKEN = "could not create any TCP/IP sockets";
    private static final int PORT_ATTEMPTS = 5;

    private final int port;

    private EmbeddedDatabase(Path home, FileChannel usersChannel, @Nullable FileLock use,
                             @Nullable EmbeddedPostgres started, int port) {
        this.home = home;
        this.dataDirectory = home.resolve("postgres");
        this.usersChannel = usersChannel;
        this.use = use;
        this.started = started;
        this.port = port;
    }

    public static EmbeddedDatabase start(Path home) {
        return start(home, null);
    }

    /**
     * Connects to the server of {@code home}, starting it when none runs.
     *
     * @param port the port to start a server on, or null for a free one; a server already running
     *             keeps its own
     */
    public static EmbeddedDatabase start(Path home, @Nullable Integer port) {
        return start(home, port, EmbeddedDatabase::freePort);
    }

    /** @param freePorts where a server without a port of its own asks for one, each attempt */
    static EmbeddedDatabase start(Path home, @Nullable Integer port, IntSupplier freePorts) {
        Path dataDirectory = home.resolve("postgres");
        FileChannel users = null;
        try {
            Files.createDirectories(home);
            try (FileChannel gate = FileChannel.open(home.resolve("evalbatch.start.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE); FileLock ignored = gate.lock()) {
                users = FileChannel.open(home.resolve("evalbatch.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock use = shareOf(users, home);
                Optional<Integer> running = runningPort(dataDirectory);
                if (running.isPresent()) {
                    log.debug("Using the embedded PostgreSQL already running on port {}", running.get());
                    return new EmbeddedDatabase(home, users, use, null, running.get());
                }
                stopUnansweringServer(dataDirectory);
                StaleLockFile.remove(dataDirectory);
                EmbeddedPostgres postgres = port != null ? startServer(home, dataDirectory, port)
                        : startOnAFreePort(home, dataDirectory, freePorts);
                return new EmbeddedDatabase(home, users, use, postgres, postgres.getPort());
            }
        } catch (IOException e) {
            closeQuietly(users);
            throw new EmbeddedDatabaseStartException("cannot use the embedded database's directory %s: %s"
                    .formatted(home, describe(e)), e);
        } catch (RuntimeException e) {
            closeQuietly(users);
            throw e;
        }
    }

    /** java.nio names only the file for some failures: say what went wrong with it. */
    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
            return "not a directory: " + exists.getFile();
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * A port found free can be taken before the server binds it — by the local end of any outgoing
     * connection on a busy machine — and the server then fails with "could not create any TCP/IP
     * sockets": another free port, a few times, before that is the user's to hear.
     */
    private static EmbeddedPostgres startOnAFreePort(Path home, Path dataDirectory, IntSupplier freePorts) {
        for (int attempt = 1; ; attempt++) {
            int port = freePorts.getAsInt();
            try {
                return startServer(home, dataDirectory, port);
            } catch (EmbeddedDatabaseStartException e) {
                if (attempt == PORT_ATTEMPTS || !String.valueOf(e.getMessage()).contains(PORT_TAKEN)) {
                    throw e;
                }
                log.debug("Port {} was taken before the embedded PostgreSQL could listen on it; trying another", port);
            }
        }
    }

    /** A port nothing listens on now, as the kernel hands out. */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot find a free port for the embedded database", e);
        }
    }

    private static EmbeddedPostgres startServer(Path home, Path dataDirectory, int port) {
        Path logFile = home.resolve("postgres.log");
        ServerLog serverLog = ServerLog.from(logFile);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        builder.setPort(port);
        builder.setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // It serves other processes after this one ends: the last user stops it.
                .setRegisterShutdownHook(false)
                // Its output outlives this process: into a file, not this process's streams.
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                // The library turns durability off for tests; results must survive a crash.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // Crash recovery of a large log takes its time; a server that fails is seen at once.
                .setPGStartupWait(Duration.ofSeconds(120));
        StartWatch watch = StartWatch.of(serverLog);
        EmbeddedPostgres postgres = null;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            watch.end();
            // The library says which command failed; the server's own log says why.
            throw startFailed(dataDirectory, serverLog, String.valueOf(e.getMessage()), e);
        }
        if (watch.end()) {
            // The library took the interruption for the end of its wait; the server is not running.
            closeQuietly(postgres);
            throw startFailed(dataDirectory, serverLog, "pg_ctl could not start the server", null);
        }
        return postgres;
    }

    private static EmbeddedDatabaseStartException startFailed(Path dataDirectory, ServerLog serverLog,
                                                              String otherwise, @Nullable Throwable cause) {
        String why = serverLog.reason().orElse(otherwise.lines().findFirst().orElse("").strip());
        String message = "the embedded PostgreSQL did not start on %s: %s (its log: %s)"
                .formatted(dataDirectory, why, serverLog.file());
        return cause == null ? new EmbeddedDatabaseStartException(message)
                : new EmbeddedDatabaseStartException(message, cause);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Releasing a server that did not start: {}", e.getMessage());
        }
    }

    /**
     * A shared lock on the users' file: this process uses the server. Null when this JVM holds one
     * already (the JVM is the user then). An exclusive holder is an evalbatch of a version that did
     * not share the server.
     */
    private static @Nullable FileLock shareOf(FileChannel users, Path home) throws IOException {
        try {
            FileLock use = users.tryLock(0, Long.MAX_VALUE, true);
            if (use == null) {
                throw new EmbeddedDatabaseInUseException(("The embedded database in %s is held by an evalbatch "
                        + "process that does not share it (an older version). Wait for it to finish, set "
                        + "EVALBATCH_HOME to use another directory, or set EVALBATCH_DB_URL to a PostgreSQL server.")
                        .formatted(home));
            }
            return use;
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    public int port() {
        return port;
    }

    /**
     * Ends this process's use of the server, and stops the server when no other process uses it.
     */
    @Override
    public void close() {
        try (FileChannel gate = FileChannel.open(home.resolve("evalbatch.start.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE); FileLock ignored = gate.lock()) {
            if (use == null) {
                return;
            }
            use.release();
            FileLock last = usersChannel.tryLock();
            if (last == null) {
                log.debug("The embedded PostgreSQL keeps running for the other evalbatch processes using it");
                return;
            }
            try {
                if (started != null) {
                    started.close();
                } else {
                    stop(dataDirectory);
                }
            } finally {
                last.release();
            }
        } catch (IOException | OverlappingFileLockException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            closeQuietly(usersChannel);
        }
    }

    /** The port of the server running on the data directory and taking connections, if one is. */
    private static Optional<Integer> runningPort(Path dataDirectory) throws IOException {
        Optional<Postmaster> postmaster = Postmaster.of(dataDirectory);
        if (postmaster.isEmpty() || postmaster.get().port() == null) {
            return Optional.empty();
        }
        int port = postmaster.get().port();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 2_000);
            return Optional.of(port);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A postmaster that runs on the directory but takes no connection (it is shutting down, or
     * hangs) cannot be used, and no second one may start beside it: stop it.
     */
    private static void stopUnansweringServer(Path dataDirectory) throws IOException {
        if (Postmaster.of(dataDirectory).isPresent()) {
            log.warn("Stopping an embedded PostgreSQL that runs on {} but takes no connections", dataDirectory);
            stop(dataDirectory);
        }
    }

    /**
     * Stops the server of the directory: SIGINT, PostgreSQL's fast shutdown (it ends the sessions
     * of other clients, psql say, cleanly), and waits until it has released the directory.
     */
    private static void stop(Path dataDirectory) throws IOException {
        Optional<Postmaster> server = Postmaster.of(dataDirectory);
        if (server.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = server.get().process();
        signal(postmaster.pid(), "INT");
        long deadline = System.nanoTime() + SERVER_STOP.toNanos();
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

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
    }

    /**
     * The server PostgreSQL's own {@code postmaster.pid} names: its process, when that is a live
     * postgres serving the directory (a pid reused after a crash or reboot must not make us kill or
     * trust an unrelated process), and the port it listens on (the file's fourth line; null until
     * the server has written it).
     */
    private record Postmaster(ProcessHandle process, @Nullable Integer port) {

        static Optional<Postmaster> of(Path dataDirectory) throws IOException {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : number(lines.get(0))
                    .flatMap(ProcessHandle::of)
                    .filter(p -> ServerProcesses.serves(p, dataDirectory));
            Integer port = lines.size() < 4 ? null : number(lines.get(3)).map(Long::intValue).orElse(null);
            return process.map(p -> new Postmaster(p, port));
        }

        private static Optional<Long> number(String line) {
            try {
                return Optional.of(Long.parseLong(line.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the embedded PostgreSQL", e);
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
