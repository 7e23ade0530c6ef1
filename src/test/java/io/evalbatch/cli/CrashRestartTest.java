package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.store.EmbeddedDatabase;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * evalbatch as a user runs it: separate JVMs on the embedded database. One is killed with SIGKILL
 * while it scores; a new process restarts the run and must end with complete, duplicate-free
 * results and the metrics of an uninterrupted run.
 */
class CrashRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PROGRESS = Pattern.compile("scored (\\d+)/(\\d+)");
    private static final int SAMPLES = 164 * 8;

    @TempDir
    Path dir;

    @Test
    void runKilledDuringSimulateIsFinishedByRestartInANewProcess() throws Exception {
        Path home = dir.resolve("home");
        SamplesFiles.humanEval(dir, 164, 8);
        Path job = SamplesFiles.job(dir, """
                name: crash
                input: {format: human-eval, files: [samples-164x8.jsonl]}
                filter: {name: test, pass-rate: 0.3, latency-ms: 15}
                execution: {partitions: 4, threads: 4, chunk: 10}
                metrics: {pass-at-k: [1, 5, 8], mean: true}
                """);

        Process doomed = start(home, "run", job.toString(), "--id", "crashed");
        long scoredBeforeKill = waitForProgress(doomed, 300);
        doomed.destroyForcibly();   // SIGKILL: no shutdown hook, no cleanup
        assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(scoredBeforeKill).isLessThan(SAMPLES);

        JsonNode afterKill = runOf(JSON.readTree(finish(start(home, "runs", "--format", "json"), 0).out), "crashed");
        assertThat(afterKill.get("status").stringValue()).isEqualTo("STARTED");
        assertThat(afterKill.get("done").longValue()).isBetween(1L, (long) SAMPLES - 1);

        Finished restart = finish(start(home, "restart", "crashed", "--format", "json"), 0);
        assertThat(restart.err).contains("recovering execution");
        Finished clean = finish(start(home, "run", job.toString(), "--id", "clean", "--format", "json"), 0);

        JsonNode restarted = JSON.readTree(restart.out);
        JsonNode uninterrupted = JSON.readTree(clean.out);
        assertThat(restarted.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(restarted.get("metrics")).hasSize(4).isEqualTo(uninterrupted.get("metrics"));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(home)) {
            RunQueries q = new RunQueries(JdbcClient.create(
                    new DriverManagerDataSource(database.jdbcUrl(), "postgres", "")));
            assertThat(q.samples("crashed")).isEqualTo(SAMPLES);
            assertThat(q.results("crashed")).hasSize(SAMPLES);
            assertThat(q.distinctResults("crashed")).isEqualTo(SAMPLES);
            assertThat(q.results("crashed")).isEqualTo(q.results("clean"));
        }
    }

    private static JsonNode runOf(JsonNode runs, String id) {
        for (JsonNode run : runs.get("runs")) {
            if (run.get("run").stringValue().equals(id)) {
                return run;
            }
        }
        throw new AssertionError("run " + id + " not listed in " + runs);
    }

    private Process start(Path home, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EvalbatchMain.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "process-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile())
                .redirectError(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("EVALBATCH_DB_URL");
        env.put("EVALBATCH_HOME", home.toString());
        env.put("EVALBATCH_PROGRESS_INTERVAL", "200ms");
        Process process = builder.start();
        logs.put(process, log);
        return process;
    }

    private final Map<Process, Path> logs = new java.util.HashMap<>();

    private record Finished(String out, String err) {
    }

    private Finished finish(Process process, int expectedExit) throws Exception {
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("process finished").isTrue();
        Path log = logs.get(process);
        String err = Files.readString(log);
        String out = Files.readString(log.resolveSibling(log.getFileName() + ".out"));
        assertThat(process.exitValue()).as(err).isEqualTo(expectedExit);
        return new Finished(out, err);
    }

    /** Waits until the process reports at least {@code atLeast} scored samples; returns the count seen. */
    private long waitForProgress(Process process, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("evalbatch died early: " + Files.readString(logs.get(process))).isTrue();
            Matcher m = PROGRESS.matcher(Files.readString(logs.get(process)));
            long last = -1;
            while (m.find()) {
                last = Long.parseLong(m.group(1));
            }
            if (last >= atLeast) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no progress: " + Files.readString(logs.get(process)));
    }
}
