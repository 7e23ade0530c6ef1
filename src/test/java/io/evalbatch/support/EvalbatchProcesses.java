package io.evalbatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.cli.EvalbatchMain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * evalbatch as users start it: one JVM per command, on the test database (or, with
 * {@link #embedded}, on an embedded database of its own), with standard output and error in files.
 */
public final class EvalbatchProcesses {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PROGRESS = Pattern.compile("scored (\\d+)/");
    private static final List<String> LAUNCHER_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Path dir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Launched> launched = new ArrayList<>();
    private int started;

    private EvalbatchProcesses(Path dir) {
        this.dir = dir;
        environment.put("EVALBATCH_PROGRESS_INTERVAL", "200ms");
    }

    /** Processes on the tests' PostgreSQL, as several machines would share one server. */
    public static EvalbatchProcesses onTestDatabase(Path dir) {
        TestDatabase.Connection db = TestDatabase.get();
        return onDatabase(dir, db.url(), db.user(), db.password());
    }

    public static EvalbatchProcesses onDatabase(Path dir, String url, String user, String password) {
        EvalbatchProcesses processes = new EvalbatchProcesses(dir);
        processes.environment.put("EVALBATCH_DB_URL", url);
        processes.environment.put("EVALBATCH_DB_USER", user == null ? "" : user);
        processes.environment.put("EVALBATCH_DB_PASSWORD", password == null ? "" : password);
        return processes;
    }

    /** Processes on the embedded database kept in {@code home}. */
    public static EvalbatchProcesses embedded(Path dir, Path home) {
        EvalbatchProcesses processes = new EvalbatchProcesses(dir);
        processes.environment.put("EVALBATCH_HOME", home.toString());
        return processes;
    }

    /** Adds {@code name=value} to the environment of every process started afterwards. */
    public EvalbatchProcesses with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public Launched start(String... args) {
        return start(Map.of(), args);
    }

    /** Starts {@code evalbatch args...} with {@code extra} added to its environment. */
    public Launched start(Map<String, String> extra, String... args) {
        return start(false, extra, args);
    }

    /**
     * Starts evalbatch as a terminal starts it: leader of a process group of its own (with every
     * process it starts), so that the whole group can be signalled as Ctrl-C signals it.
     */
    public Launched startAsProcessGroup(String... args) {
        return start(true, Map.of(), args);
    }

    private Launched start(boolean ownGroup, Map<String, String> extra, String... args) {
        List<String> command = new ArrayList<>();
        if (ownGroup) {
            command.add("setsid");  // execs java in place: the pid stays that of evalbatch
        }
        // The JIT, collector and class data sharing the evalbatch launcher gives a command:
        // processes start as users' do.
        SharedClasses classes = SharedClasses.get(LAUNCHER_FLAGS);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAUNCHER_FLAGS);
        command.addAll(classes.options());
        command.addAll(List.of("-cp", classes.classPath(), EvalbatchMain.class.getName()));
        command.addAll(List.of(args));
        int n = ++started;
        Path out = dir.resolve("process-" + n + ".out");
        Path err = dir.resolve("process-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        for (String name : List.of("EVALBATCH_DB_URL", "EVALBATCH_DB_USER", "EVALBATCH_DB_PASSWORD", "EVALBATCH_HOME",
                "EVALBATCH_CRASH_AT")) {
            env.remove(name);
        }
        env.putAll(environment);
        env.putAll(extra);
        try {
            Launched launched = new Launched(builder.start(), out, err);
            this.launched.add(launched);
            return launched;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills every process these started that still runs: a test that fails midway leaves no
     * server or scheduler behind to hold its database or load the machine.
     */
    public void killAll() {
        for (Launched process : launched) {
            process.process().descendants().forEach(ProcessHandle::destroyForcibly);
            process.process().destroyForcibly();
        }
    }

    /** Runs {@code evalbatch args...} to its end and checks its exit code. */
    public Launched finish(int expectedExit, String... args) {
        return start(args).finish(expectedExit);
    }

    /** The run's line in {@code evalbatch runs --format json}, as another process lists it now. */
    public JsonNode listed(String runId) {
        JsonNode runs = JSON.readTree(finish(0, "runs", "--format", "json").out());
        for (JsonNode run : runs.get("runs")) {
            if (run.get("run").stringValue().equals(runId)) {
                return run;
            }
        }
        throw new AssertionError("run " + runId + " not listed: " + runs);
    }

    public record Launched(Process process, Path outFile, Path errFile) {

        public String out() {
            return read(outFile);
        }

        public String err() {
            return read(errFile);
        }

        public Launched finish(int expectedExit) {
            int exit = exit(Duration.ofMinutes(5));
            assertThat(exit).as("exit code of evalbatch; its standard error:%n%s", err()).isEqualTo(expectedExit);
            return this;
        }

        /** Waits for the process to end and returns its exit code. */
        public int exit(Duration within) {
            try {
                if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                    String threads = threadDump();
                    process.destroyForcibly();
                    throw new AssertionError("evalbatch did not end within " + within + "; standard error:\n" + err()
                            + "\nits threads:\n" + threads);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return process.exitValue();
        }

        /** Waits until the progress lines report at least {@code samples} scored samples. */
        public void awaitScored(long samples, Duration within) {
            awaitErr(err -> {
                Matcher m = PROGRESS.matcher(err);
                long last = -1;
                while (m.find()) {
                    last = Long.parseLong(m.group(1));
                }
                return last >= samples;
            }, within);
        }

        /** Waits until standard error satisfies {@code condition} while the process lives. */
        public void awaitErr(Predicate<String> condition, Duration within) {
            await(this::err, "standard error", condition, within);
        }

        /** Waits until standard output satisfies {@code condition} while the process lives. */
        public void awaitOut(Predicate<String> condition, Duration within) {
            await(this::out, "standard output", condition, within);
        }

        private void await(java.util.function.Supplier<String> stream, String name, Predicate<String> condition,
                           Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                String text = stream.get();
                if (condition.test(text)) {
                    return;
                }
                assertThat(process.isAlive()).as("evalbatch ended early; %s:%n%s%nstandard error:%n%s", name, text,
                        err()).isTrue();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            throw new AssertionError("not seen within " + within + " in " + name + ":\n" + stream.get()
                    + "\nstandard error:\n" + err());
        }

        public void signal(String name) {
            kill("-" + name, Long.toString(process.pid()));
        }

        /** Signals evalbatch's process group, started by {@link #startAsProcessGroup}. */
        public void signalGroup(String name) {
            kill("-" + name, "--", "-" + process.pid());
        }

        private static void kill(String... arguments) {
            List<String> command = new ArrayList<>(List.of("kill"));
            command.addAll(List.of(arguments));
            try {
                Process kill = new ProcessBuilder(command).inheritIO().start();
                assertThat(kill.waitFor()).isZero();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private String threadDump() {
            try {
                Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                        Long.toString(process.pid())).redirectErrorStream(true).start();
                String dump = new String(jstack.getInputStream().readAllBytes());
                jstack.waitFor(30, TimeUnit.SECONDS);
                return dump;
            } catch (IOException e) {
                return "(no thread dump: " + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(no thread dump: interrupted)";
            }
        }

        private static String read(Path file) {
            try {
                return Files.exists(file) ? Files.readString(file) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
