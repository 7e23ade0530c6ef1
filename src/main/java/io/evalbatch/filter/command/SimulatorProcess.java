package io.evalbatch.filter.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.evalbatch.filter.sandbox.Confinement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running simulator: requests go to its stdin a line at a time, replies are read from its
 * stdout by a thread of their own so that waiting for one can time out, and its stderr goes to the
 * log with the sample it was working on ({@link SimulatorErrors}). A simulator that misbehaves is {@link #kill() killed},
 * with everything it started, and never used again.
 */
final class SimulatorProcess implements AutoCloseable {

    /** The longest reply line read; a longer one is garbage, not a reason to run out of memory. */
    static final int MAX_LINE_BYTES = 8 << 20;
    private static final Logger log = LoggerFactory.getLogger(SimulatorProcess.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** Marks the end of stdout in the reply queue. */
    private static final String END = new String("end of output");
    private static final String TOO_LONG = new String("line too long");

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final SimulatorErrors errors;
    private final @Nullable AutoCloseable confinement;

    private SimulatorProcess(Process process, SimulatorErrors errors, @Nullable AutoCloseable confinement) {
        this.process = process;
        this.errors = errors;
        this.confinement = confinement;
        this.stdin = process.getOutputStream();
        daemon("simulator-" + process.pid() + "-out", this::readReplies);
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param confinement where a sandboxed simulator is started ({@code sandbox: true}), else null:
     *                    the simulator then runs as evalbatch's user
     */
    static SimulatorProcess start(SimulatorSettings settings, @Nullable Confinement confinement) throws IOException {
        Map<String, String> passed = new java.util.LinkedHashMap<>();
        for (String name : settings.environment()) {
            String value = System.getenv(name);
            if (value != null) {
                passed.put(name, value);
            }
        }
        // The sandbox gives the simulator a session of its own, and the environment exactly.
        Confinement.Launch launch = confinement == null ? null : confinement.wrap(settings.command(), passed,
                settings.directory(), 4096, 64, 64);
        ProcessBuilder builder = new ProcessBuilder(launch == null ? inSessionOfItsOwn(settings.command())
                : launch.command()).directory(settings.directory().toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        if (launch == null) {
            environment.putAll(passed);
        } else {
            environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        }
        SimulatorErrors errors = SimulatorErrors.create();
        builder.redirectError(errors.redirect());
        try {
            return new SimulatorProcess(builder.start(), errors, launch);
        } catch (IOException e) {
            errors.close();
            if (launch != null) {
                launch.close();
            }
            throw e;
        }
    }

    /**
     * Ctrl-C in a terminal signals evalbatch's whole process group, and a simulator in it would die
     * with its sample in flight while evalbatch stops the run after that sample. Started through
     * setsid(1) (which execs in place: the pid stays the simulator's) it has a session of its own.
     * The program is looked up here as ProcessBuilder would look it up, so that a command that does
     * not exist still fails to start rather than starting setsid.
     */
    private static List<String> inSessionOfItsOwn(List<String> command) throws IOException {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        String program = command.get(0);
        Path found = null;
        if (program.contains("/")) {
            found = Path.of(program);
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    found = candidate;
                    break;
                }
            }
        }
        if (found == null || !Files.isRegularFile(found) || !Files.isExecutable(found)) {
            throw new IOException("Cannot run program \"" + program + "\": not found or not executable");
        }
        List<String> wrapped = new ArrayList<>(List.of(SETSID.toString(), found.toString()));
        wrapped.addAll(command.subList(1, command.size()));
        return wrapped;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Sends one request and waits for the reply line.
     *
     * @throws SimulatorFailure when the simulator exits, does not answer within the timeout, or
     *                          sends a line too long to be a reply
     */
    String exchange(long sampleId, String request, long timeoutMillis) throws SimulatorFailure {
        try {
            return await(sampleId, request, timeoutMillis);
        } finally {
            errors.log(process.pid(), sampleId);
        }
    }

    private String await(long sampleId, String request, long timeoutMillis) throws SimulatorFailure {
        try {
            stdin.write(request.getBytes(StandardCharsets.UTF_8));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new SimulatorFailure("the simulator stopped reading requests" + exitNote());
        }
        String reply;
        try {
            reply = replies.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulatorFailure("interrupted while waiting for the simulator");
        }
        if (reply == null) {
            throw new SimulatorFailure("no reply within " + timeoutMillis / 1000.0 + " s (timeout)");
        }
        if (reply == END) {
            throw new SimulatorFailure("the simulator exited before replying" + exitNote());
        }
        if (reply == TOO_LONG) {
            throw new SimulatorFailure("the reply is longer than " + MAX_LINE_BYTES + " bytes");
        }
        return reply;
    }

    private String exitNote() {
        try {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                return " (exit code " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** Kills the simulator and whatever it started. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        errors.close();
        releaseConfinement();
    }

    private void releaseConfinement() {
        if (confinement != null) {
            try {
                confinement.close();
            } catch (Exception ignored) {
                // a lease dies with the process anyway
            }
        }
    }

    /** Ends the simulator politely: end of input is its signal to exit; it is killed if it does not. */
    @Override
    public void close() {
        try {
            stdin.close();
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                errors.log(process.pid(), -1);
                errors.close();
                releaseConfinement();
                return;
            }
        } catch (IOException ignored) {
            // Already gone.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    private void readReplies() {
        try (InputStream out = process.getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean overflow = false;
            int b;
            while ((b = out.read()) != -1) {
                if (b == '\n') {
                    replies.add(overflow ? TOO_LONG : line.toString(StandardCharsets.UTF_8));
                    line.reset();
                    overflow = false;
                } else if (line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                } else {
                    overflow = true;
                }
            }
        } catch (IOException ignored) {
            // Killed: the reader ends like at end of output.
        }
        replies.add(END);
    }

}
