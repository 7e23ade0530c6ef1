package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.LedgerSimulator;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM (a service manager) and Ctrl-C (SIGINT to the whole process group) stop a run after the
 * chunks in flight have committed: the run ends STOPPED with exit code 1, nothing the process
 * scored is thrown away, and {@code restart} finishes it with the results of an uninterrupted run.
 */
@Tag("slow")
class GracefulStopTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void sigtermCommitsWhatWasScoredAndRestartFinishes() {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 10);
        LedgerSimulator.samples(dir, "stop", 400);
        Path job = SamplesFiles.job(dir, """
                name: graceful-stop
                input: {format: lm-eval, files: [samples_stop_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {partitions: 4, threads: 4, chunk: 10, cache: false}
                metrics: {pass-at-k: [1, 2]}
                """.formatted(simulator.filterYaml().strip()));
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onTestDatabase(dir);
        String id = "sigterm-" + UUID.randomUUID().toString().substring(0, 8);

        Launched stopped = evalbatch.start("run", job.toString(), "--id", id);
        stopped.awaitScored(100, Duration.ofMinutes(2));
        stopped.signal("TERM");
        assertStopped(evalbatch, stopped, id, "SIGTERM");

        RunQueries runs = RunQueries.onTestDatabase();
        List<Long> scoredByStopped = simulator.scoredBy(stopped.process().pid());
        // Every sample scored before the stop was committed: the chunks in flight were finished.
        assertThat(runs.results(id)).extracting(RunQueries.ResultRow::sampleId)
                .containsExactlyInAnyOrderElementsOf(scoredByStopped)
                .hasSizeBetween(100, 799);

        Launched restarted = evalbatch.finish(0, "restart", id, "--format", "json");
        String clean = id + "-clean";
        Launched uninterrupted = evalbatch.finish(0, "run", job.toString(), "--id", clean, "--format", "json");
        assertThat(simulator.scoredBy(restarted.process().pid())).hasSize(800 - scoredByStopped.size())
                .doesNotContainAnyElementsOf(scoredByStopped);
        assertThat(runs.results(id)).hasSize(800).isEqualTo(runs.results(clean));
        assertThat(JSON.readTree(restarted.out()).get("metrics")).isEqualTo(JSON.readTree(uninterrupted.out()).get("metrics"));
    }

    @Test
    void aRunKilledWhileItStopsIsRecoveredByRestart() throws IOException {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 0);
        LedgerSimulator.samples(dir, "killed-stopping", 100);
        Path job = SamplesFiles.job(dir, """
                name: killed-while-stopping
                input: {format: lm-eval, files: [samples_killed-stopping_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {partitions: 2, threads: 2, chunk: 5, cache: false}
                """.formatted(simulator.filterYaml().strip()));
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onTestDatabase(dir);
        String id = "killed-stopping-" + UUID.randomUUID().toString().substring(0, 8);

        // The simulator holds every sample: the stop cannot reach a chunk boundary before the kill.
        Files.createFile(simulator.gate());
        Launched run = evalbatch.start("run", job.toString(), "--id", id);
        run.awaitErr(err -> err.contains("ingested 200 samples"), Duration.ofMinutes(2));
        // Stopped before simulate holds a sample, the run would stop at a step boundary at once.
        awaitSimulator(run);
        run.signal("TERM");
        // Logged once the stop is recorded in the database (the signal's own line comes before).
        run.awaitErr(err -> err.contains("run " + id + ": stopping once the chunks in flight have committed"),
                Duration.ofMinutes(1));
        run.signal("KILL");
        run.exit(Duration.ofMinutes(1));
        // The run is STOPPED while its steps are still marked running, which Spring Batch alone
        // refuses to restart ("already running").
        assertThat(RunQueries.onTestDatabase().status(id)).isEqualTo("STOPPED");
        Files.delete(simulator.gate());

        Launched restart = evalbatch.finish(0, "restart", id);
        assertThat(restart.err()).contains("recovering execution");
        assertThat(RunQueries.onTestDatabase().distinctResults(id)).isEqualTo(200);
    }

    /** Waits until the run has started a simulator: it starts one for its first sample to score. */
    private static void awaitSimulator(Launched run) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (run.process().descendants().noneMatch(p -> p.info().commandLine().orElse("")
                .contains("ledger_simulator.py"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the run started no simulator within a minute:\n" + run.err());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void ctrlCReachesNoSimulator() {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 20);
        LedgerSimulator.samples(dir, "ctrlc", 200);
        Path job = SamplesFiles.job(dir, """
                name: ctrl-c-simulator
                input: {format: lm-eval, files: [samples_ctrlc_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {partitions: 2, threads: 2, chunk: 5, cache: false}
                """.formatted(simulator.filterYaml().strip()));
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onTestDatabase(dir);
        String id = "ctrl-c-sim-" + UUID.randomUUID().toString().substring(0, 8);

        Launched stopped = evalbatch.startAsProcessGroup("run", job.toString(), "--id", id);
        stopped.awaitScored(40, Duration.ofMinutes(2));
        stopped.signalGroup("INT");
        assertStopped(evalbatch, stopped, id, "SIGINT");

        RunQueries runs = RunQueries.onTestDatabase();
        // Had a simulator died of the Ctrl-C, its sample would be stored as an error.
        assertThat(runs.results(id)).extracting(RunQueries.ResultRow::outcome).doesNotContain("error");
        assertThat(runs.results(id)).extracting(RunQueries.ResultRow::sampleId)
                .containsExactlyInAnyOrderElementsOf(simulator.scoredBy(stopped.process().pid()));
        evalbatch.finish(0, "restart", id);
        assertThat(runs.results(id)).hasSize(400).allSatisfy(r -> assertThat(r.outcome())
                .isEqualTo(((r.sampleId() / 2) * 31 + (r.sampleId() % 2) * 7) % 5 < 2 ? "passed" : "failed"));
    }

    @Test
    void ctrlCStopsTheRunWithoutHurtingTheSamplesInFlight() {
        // Programs that take 40 ms each, so that Ctrl-C lands while python sandboxes are busy.
        StringBuilder lines = new StringBuilder();
        for (int p = 0; p < 164; p++) {
            lines.append("{\"task_id\": \"HumanEval/").append(p)
                    .append("\", \"completion\": \"    import time\\n    time.sleep(0.04)\\n    return None\\n\"}\n");
        }
        SamplesFiles.write(dir.resolve("slow.jsonl"), lines.toString() + lines);
        Path job = SamplesFiles.job(dir, """
                name: ctrl-c
                input: {format: human-eval, files: [slow.jsonl]}
                filter: {name: python, isolation: basic, python: /usr/bin/python3}
                execution: {partitions: 2, threads: 2, chunk: 5, cache: false}
                metrics: {pass-at-k: [1]}
                """);
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onTestDatabase(dir);
        String id = "ctrl-c-" + UUID.randomUUID().toString().substring(0, 8);

        Launched stopped = evalbatch.startAsProcessGroup("run", job.toString(), "--id", id);
        stopped.awaitScored(20, Duration.ofMinutes(2));
        stopped.signalGroup("INT");
        assertStopped(evalbatch, stopped, id, "SIGINT");

        RunQueries runs = RunQueries.onTestDatabase();
        assertThat(runs.results(id)).hasSizeBetween(20, 327)
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo("failed"));

        // Every program returns None where the tests want a value: each of the 328 fails, as it would unstopped.
        evalbatch.finish(0, "restart", id);
        assertThat(runs.results(id)).hasSize(328).extracting(RunQueries.ResultRow::sampleId).doesNotHaveDuplicates();
        assertThat(runs.results(id)).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("failed"));
    }

    /** The process ended promptly with exit code 1, saying why, and left the run STOPPED. */
    private static void assertStopped(EvalbatchProcesses evalbatch, Launched stopped, String id, String signal) {
        assertThat(stopped.exit(Duration.ofSeconds(60))).as(stopped.err()).isEqualTo(1);
        assertThat(stopped.err()).contains(signal + " received").contains("run " + id + " STOPPED on request");
        assertThat(RunQueries.onTestDatabase().status(id)).isEqualTo("STOPPED");
    }
}
