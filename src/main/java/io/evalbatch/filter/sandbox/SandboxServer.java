package io.evalbatch.filter.sandbox;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One warm Python interpreter running {@code sandbox.py}: it forks a confined child per Python
 * program or command and answers with how it ended. Used by one thread at a time. After a JSON
 * greeting, requests and answers are a header line and a counted body (the protocol is described
 * in sandbox.py).
 */
final class SandboxServer implements AutoCloseable {

    /** How long the sandbox may take beyond the program's own wall-clock limit before it is killed. */
    private static final long ANSWER_GRACE_MILLIS = 10_000;
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final int MAX_LINE = 64 * 1024;

    private final Process process;
    private final OutputStream requests;
    private final InputStream replies;
    private final Path log;
    private final SandboxUsers.Lease user;
    private final ScheduledExecutorService watchdog;
    private final JsonMapper json;
    private final String isolation;

    private SandboxServer(Process process, Path log, SandboxUsers.Lease user,
                          ScheduledExecutorService watchdog, JsonMapper json) {
        this.process = process;
        this.requests = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.replies = new BufferedInputStream(process.getInputStream(), 1 << 16);
        this.log = log;
        this.user = user;
        this.watchdog = watchdog;
        this.json = json;
        JsonNode hello = greeting();
        if (!hello.path("ready").asBoolean(false)) {
            close();
            throw new SandboxFailure("the sandbox did not start: " + hello);
        }
        this.isolation = hello.path("isolation").asString();
    }

    static SandboxServer start(String interpreter, Path script, Path directory, SandboxSettings settings,
                               SandboxUsers.Lease user, ScheduledExecutorService watchdog, JsonMapper json) {
        ObjectNode config = json.createObjectNode();
        user.uid().ifPresent(uid -> config.put("uid", uid));
        config.put("memory_mb", settings.memoryMb());
        config.put("file_size_mb", settings.fileSizeMb());
        config.put("scratch_mb", settings.fileSizeMb());
        config.put("processes", settings.processes());
        config.put("isolation", settings.isolation());
        settings.preload().forEach(config.putArray("preload")::add);
        settings.expose().forEach(config.putArray("expose")::add);
        if (!settings.javaCompiler().isEmpty()) {
            ObjectNode compiler = config.putObject("java_compiler");
            settings.javaCompiler().forEach(compiler.putArray("argv")::add);
            compiler.putObject("env").put("PATH", "/usr/local/bin:/usr/bin:/bin").put("LANG", "C.UTF-8");
            compiler.put("memory_mb", 8192);
            compiler.put("processes", 128);
            // A user of its own, which no program can signal, trace or read.
            user.uid().ifPresent(uid -> config.put("compiler_uid", uid + SandboxUsers.COUNT));
        }
        try {
            Path log = Files.createTempFile(directory, "sandbox-", ".log");
            // -S: see add_site_packages in sandbox.py.
            ProcessBuilder builder = new ProcessBuilder(List.of(interpreter, "-S", "-s", script.toString(),
                    json.writeValueAsString(config)))
                    .directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // Nothing of evalbatch's environment (database URL, user, password) reaches Python.
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            environment.put("LC_ALL", "C.UTF-8");
            environment.put("PYTHONHASHSEED", settings.hashSeed());
            environment.put("PYTHONDONTWRITEBYTECODE", "1");
            return new SandboxServer(builder.start(), log, user, watchdog, json);
        } catch (IOException e) {
            user.close();
            throw new SandboxFailure("cannot start " + interpreter + ": " + e.getMessage(), e);
        } catch (SandboxFailure e) {
            user.close();
            throw e;
        }
    }

    String isolation() {
        return isolation;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Verdict run(String program, TimeLimits limits) {
        byte[] body = program.getBytes(StandardCharsets.UTF_8);
        String header = limits.cpuSeconds() + " " + limits.wallSeconds() + " " + body.length + "\n";
        try {
            requests.write(header.getBytes(StandardCharsets.US_ASCII));
            requests.write(body);
            requests.flush();
        } catch (IOException e) {
            throw new SandboxFailure("the sandbox is gone: " + logTail(), e);
        }
        long limit = Math.round(limits.wallSeconds() * 1000) + ANSWER_GRACE_MILLIS;
        return watched(limit, "answer", () -> {
            String[] fields = line().split(" ");
            if (fields.length != 4) {
                throw new SandboxFailure("the sandbox answered nonsense: " + String.join(" ", fields));
            }
            int size = Integer.parseInt(fields[3]);
            byte[] detail = replies.readNBytes(size);
            if (detail.length < size) {
                throw new EndOfAnswers();
            }
            return new Verdict(fields[0], new String(detail, StandardCharsets.UTF_8), Long.parseLong(fields[1]),
                    Long.parseLong(fields[2]));
        });
    }

    Execution execute(Command command) {
        ObjectNode request = json.createObjectNode();
        if (!command.files().isEmpty()) {
            ObjectNode files = request.putObject("files");
            new java.util.TreeMap<>(command.files()).forEach(files::put);
        }
        if (!command.addedFiles().isEmpty()) {
            ObjectNode files = request.putObject("add_files");
            new java.util.TreeMap<>(command.addedFiles()).forEach(files::put);
        }
        command.argv().forEach(request.putArray("argv")::add);
        if (command.javaSource() != null) {
            ObjectNode compile = request.putObject("compile_java");
            compile.put("source", command.javaSource());
            command.argv().forEach(compile.putArray("options")::add);
        }
        ObjectNode environment = request.putObject("env");
        command.environment().forEach(environment::put);
        if (command.stdin() != null) {
            request.put("stdin", command.stdin());
        }
        request.put("cpu", command.limits().cpuSeconds());
        request.put("wall", command.limits().wallSeconds());
        request.put("memory_mb", command.memoryMb());
        request.put("processes", command.processes());
        request.put("output_bytes", command.outputBytes());
        request.put("stderr_bytes", command.stderrBytes());
        request.put("token", command.token());
        request.put("last", command.last());
        byte[] body = json.writeValueAsBytes(request);
        try {
            requests.write(("exec " + body.length + "\n").getBytes(StandardCharsets.US_ASCII));
            requests.write(body);
            requests.flush();
        } catch (IOException e) {
            throw new SandboxFailure("the sandbox is gone: " + logTail(), e);
        }
        long limit = Math.round(command.limits().wallSeconds() * 1000) + ANSWER_GRACE_MILLIS;
        JsonNode reply = watched(limit, "answer", () -> {
            int size = Integer.parseInt(line().trim());
            byte[] answer = replies.readNBytes(size);
            if (answer.length < size) {
                throw new EndOfAnswers();
            }
            try {
                return json.readTree(answer);
            } catch (JacksonException e) {
                throw new SandboxFailure("the sandbox answered nonsense: " + e.getOriginalMessage(), e);
            }
        });
        if (reply.has("error")) {
            throw new SandboxFailure(reply.path("error").asString());
        }
        return new Execution(reply.path("exit").isNull() ? -1 : reply.path("exit").asInt(),
                reply.path("signal").isNull() ? null : reply.path("signal").asString(),
                reply.path("timed_out").isNull() ? null : reply.path("timed_out").asString(),
                reply.path("cpu_ms").asLong(), reply.path("wall_ms").asLong(), reply.path("stdout").asString(),
                reply.path("stdout_truncated").asBoolean(), reply.path("stderr").asString(),
                reply.path("token").asString());
    }

    private JsonNode greeting() {
        return watched(START_TIMEOUT_MILLIS, "start", () -> {
            try {
                return json.readTree(line());
            } catch (JacksonException e) {
                throw new SandboxFailure("the sandbox answered nonsense: " + e.getOriginalMessage(), e);
            }
        });
    }

    private interface Exchange<T> {
        T read() throws IOException;
    }

    /** Reads an answer, killing the sandbox if it takes longer than {@code timeoutMillis}. */
    private <T> T watched(long timeoutMillis, String what, Exchange<T> exchange) {
        ScheduledFuture<?> kill = watchdog.schedule(this::kill, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            return exchange.read();
        } catch (EndOfAnswers e) {
            throw new SandboxFailure("the sandbox (pid " + process.pid() + ") ended before its " + what
                    + (kill.isDone() ? " within " + timeoutMillis + " ms" : "") + ": " + logTail());
        } catch (IOException e) {
            throw new SandboxFailure("lost the sandbox (pid " + process.pid() + "): " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new SandboxFailure("the sandbox answered nonsense: " + e.getMessage(), e);
        } finally {
            kill.cancel(false);
        }
    }

    /** One header line (or the greeting), without its newline. */
    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        for (int b = replies.read(); b != '\n'; b = replies.read()) {
            if (b < 0) {
                throw new EndOfAnswers();
            }
            if (bytes.size() == MAX_LINE) {
                throw new SandboxFailure("the sandbox answered nonsense: a line over " + MAX_LINE + " bytes");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static final class EndOfAnswers extends IOException {
    }

    private String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no message)" : text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException ignored) {
            // killed below anyway
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        user.close();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // inside the pool's directory, removed with it
        }
    }
}
