package io.evalbatch.filter.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warm sandboxes for the scoring threads: a thread takes an idle one (or starts one), runs a
 * program, and gives it back; a sandbox that fails is closed and replaced on next demand. There
 * are never more sandboxes than threads that scored at the same time.
 */
public final class SandboxPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxPool.class);

    private final String interpreter;
    private final SandboxSettings settings;
    private final Runnable started;
    private final Path directory;
    private final Path script;
    private final SandboxUsers users;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ConcurrentLinkedDeque<SandboxServer> idle = new ConcurrentLinkedDeque<>();
    private final Set<SandboxServer> all = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** @param started called each time a sandbox server is started */
    public SandboxPool(String interpreter, SandboxSettings settings, Runnable started) {
        this.started = started;
        this.interpreter = interpreter;
        this.settings = settings;
        try {
            this.directory = Files.createTempDirectory("evalbatch-sandbox-");
            this.script = directory.resolve("sandbox.py");
            try (InputStream in = SandboxPool.class.getResourceAsStream("sandbox.py")) {
                Files.copy(in, script);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Python sandbox: " + e.getMessage(), e);
        }
        this.users = new SandboxUsers(Path.of(System.getProperty("java.io.tmpdir"), "evalbatch-sandbox-users"));
    }

    /** Starts one sandbox now, so that a broken setup fails the run before any sample. */
    public String probe() {
        SandboxServer sandbox = start();
        idle.push(sandbox);
        return sandbox.isolation();
    }

    public Verdict run(String program, TimeLimits limits) {
        return run(program, limits, idle.poll());
    }

    /**
     * Runs the program; a sandbox that dies under it (killed from outside, say) gets one more try on
     * a sandbox started for it, not an idle one: whatever killed the first may have hit the others
     * too. {@code retrying} is told of the first failure; a second one is the verdict {@code error}.
     */
    public Verdict runRetried(String program, TimeLimits limits, Consumer<SandboxFailure> retrying) {
        try {
            return run(program, limits);
        } catch (SandboxFailure first) {
            retrying.accept(first);
            try {
                return run(program, limits, start());
            } catch (SandboxFailure second) {
                return new Verdict("error", "the Python sandbox failed twice: " + second.getMessage(), 0, 0);
            }
        }
    }

    private Verdict run(String program, TimeLimits limits, SandboxServer candidate) {
        return using(candidate, sandbox -> sandbox.run(program, limits));
    }

    /**
     * Runs the commands {@code session} issues on one sandbox held for it alone (compile, then
     * each test case); the session's last command must be marked {@code last}.
     */
    public <T> T session(Function<Session, T> session) {
        return using(idle.poll(), sandbox -> session.apply(sandbox::execute));
    }

    /** Like {@link #session}, on a sandbox started for it: the retry after a sandbox died. */
    public <T> T sessionOnNewSandbox(Function<Session, T> session) {
        return using(start(), sandbox -> session.apply(sandbox::execute));
    }

    /** The commands of one sample, executed in order in one working directory. */
    public interface Session {
        Execution execute(Command command);
    }

    private <T> T using(SandboxServer candidate, Function<SandboxServer, T> work) {
        SandboxServer sandbox = candidate;
        while (sandbox != null && !sandbox.isAlive()) {
            all.remove(sandbox);
            sandbox.close();
            sandbox = idle.poll();
        }
        if (sandbox == null) {
            sandbox = start();
        }
        try {
            T result = work.apply(sandbox);
            idle.push(sandbox);
            return result;
        } catch (RuntimeException e) {
            // A sandbox left in an unknown state (a session half done) is not used again.
            all.remove(sandbox);
            sandbox.close();
            throw e;
        }
    }

    private SandboxServer start() {
        SandboxServer sandbox = SandboxServer.start(interpreter, script, directory, settings, users.acquire(),
                watchdog, json);
        all.add(sandbox);
        started.run();
        log.debug("started sandbox pid {} ({} isolation)", sandbox.pid(), sandbox.isolation());
        return sandbox;
    }

    @Override
    public void close() {
        List.copyOf(all).forEach(SandboxServer::close);
        all.clear();
        idle.clear();
        watchdog.shutdownNow();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
        try {
            watchdog.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
