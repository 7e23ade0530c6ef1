package io.evalbatch.distribute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.LedgerSimulator;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run and worker processes on one PostgreSQL, as on several machines: the partitions are scored by
 * the workers only, the results equal a local run's, and a worker that is killed or shut down
 * mid-run costs at most its uncommitted chunk once the run is restarted. Every test has a queue of
 * its own, so that no worker of another test takes its partitions.
 */
@Tag("slow")
class DistributedRunTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DOCUMENTS = 300;
    private static final int SAMPLES = 2 * DOCUMENTS;
    private static final int CHUNK = 10;

    @TempDir
    Path dir;

    private EvalbatchProcesses evalbatch;
    private final String queue = "test-" + UUID.randomUUID();
    private final List<Launched> workers = new ArrayList<>();

    @BeforeEach
    void processesWithAQueueOfTheirOwn() {
        evalbatch = EvalbatchProcesses.onTestDatabase(dir)
                .with("EVALBATCH_WORKER_QUEUE", queue)
                .with("EVALBATCH_WORKER_HEARTBEAT", "1s")
                .with("EVALBATCH_WORKER_TIMEOUT", "5s")
                .with("EVALBATCH_WORKER_POLL_INTERVAL", "200ms");
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(w -> w.process().destroyForcibly());
    }

    @Test
    void partitionsScoredByTwoWorkersGiveTheResultsOfALocalRun() throws IOException {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 0);
        Path job = job(simulator);
        String local = id("local");
        Launched localRun = evalbatch.finish(0, "run", job.toString(), "--id", local);

        Launched first = worker();
        Launched second = worker();
        String distributed = id("distributed");
        Held held = startHeld(simulator, true, "run", job.toString(), "--id", distributed, "--distributed");
        Launched run = held.run().finish(0);
        JsonNode busy = Objects.requireNonNull(held.workers());

        assertThat(pids(busy)).containsExactlyInAnyOrder(first.process().pid(), second.process().pid());
        for (JsonNode worker : busy.get("workers")) {
            assertThat(worker.get("live").booleanValue()).isTrue();
            assertThat(worker.get("threads").intValue()).isEqualTo(2);
            assertThat(worker.get("current").get(0).stringValue()).startsWith(distributed + "/range");
        }
        RunQueries queries = RunQueries.onTestDatabase();
        assertThat(queries.results(distributed)).hasSize(SAMPLES).isEqualTo(queries.results(local));
        assertThat(queries.metrics(distributed)).isNotEmpty().isEqualTo(queries.metrics(local));
        assertThat(run.out()).isEqualTo(localRun.out().replace(local, distributed));
        // Scored by the workers, each sample once, and not by the process of the run.
        assertThat(simulator.scoredBy(run.process().pid())).isEmpty();
        List<Long> byFirst = simulator.scoredBy(first.process().pid());
        List<Long> bySecond = simulator.scoredBy(second.process().pid());
        assertThat(byFirst).isNotEmpty();
        assertThat(bySecond).isNotEmpty();
        Set<Long> all = new HashSet<>(byFirst);
        all.addAll(bySecond);
        assertThat(byFirst.size() + bySecond.size()).isEqualTo(SAMPLES);
        assertThat(all).hasSize(SAMPLES);
    }

    @Test
    void aKilledWorkersPartitionFailsTheRunAndRestartFinishesItOnTheOtherWorker() throws IOException {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 20);
        Path job = job(simulator);
        Launched doomed = worker();
        Launched survivor = worker();
        String id = id("killed");
        Launched run = startHeld(simulator, false, "run", job.toString(), "--id", id, "--distributed").run();
        long doomedPid = doomed.process().pid();
        awaitTrue(() -> simulator.scoredBy(doomedPid).size() >= 3 * CHUNK, Duration.ofMinutes(1));
        doomed.signal("KILL");

        run.finish(1);
        assertThat(run.err()).containsPattern("partition range0\\d was lost: its worker \\S+ \\(pid " + doomedPid
                + "\\) has not been heard from for over 5 s");
        assertThat(RunQueries.onTestDatabase().status(id)).isEqualTo("FAILED");
        List<String> beforeRestart = simulator.lines();

        Launched restart = evalbatch.finish(0, "restart", id);
        assertThat(restart.out()).contains("COMPLETED");
        RunQueries queries = RunQueries.onTestDatabase();
        assertThat(queries.results(id)).hasSize(SAMPLES);
        assertThat(queries.distinctResults(id)).isEqualTo(SAMPLES);
        for (RunQueries.ResultRow r : queries.results(id)) {
            long doc = r.sampleId() / 2;
            long repeat = r.sampleId() % 2;
            assertThat(r.outcome()).as("sample %d", r.sampleId())
                    .isEqualTo((doc * 31 + repeat * 7) % 5 < 2 ? "passed" : "failed");
        }
        // Only the killed worker's chunk in flight was scored twice, by the survivor after restart.
        List<String> ledger = simulator.lines();
        Set<Long> distinct = new HashSet<>();
        ledger.forEach(line -> distinct.add(Long.parseLong(line.split(" ")[1])));
        assertThat(distinct).hasSize(SAMPLES);
        assertThat(ledger.size() - SAMPLES).isBetween(0, CHUNK);
        assertThat(ledger.subList(beforeRestart.size(), ledger.size()))
                .allMatch(line -> line.startsWith(survivor.process().pid() + " "));
    }

    @Test
    void aRunWithoutWorkersSaysSoAndItsRequestsAreWithdrawnWhenItStops() throws IOException {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 0);
        Path job = job(simulator);
        String id = id("waiting");
        Launched run = evalbatch.start("run", job.toString(), "--id", id, "--distributed");
        run.awaitErr(err -> err.contains("4 partition(s) waiting for a worker, and no worker is running on queue"),
                Duration.ofMinutes(1));
        run.signal("TERM");
        run.finish(1);
        assertThat(RunQueries.onTestDatabase().status(id)).isEqualTo("STOPPED");

        // A worker started later drops the requests of the stopped run, and restart sends new ones.
        Launched worker = worker();
        worker.awaitErr(err -> err.split("dropped the request for " + id + "/range", -1).length == 5,
                Duration.ofMinutes(1));
        assertThat(worker.err()).contains("the partition is STOPPED");
        evalbatch.finish(0, "restart", id);
        assertThat(RunQueries.onTestDatabase().distinctResults(id)).isEqualTo(SAMPLES);
        assertThat(simulator.scoredBy(worker.process().pid())).hasSize(SAMPLES);
    }

    @Test
    void autoRestartFinishesARunWhoseWorkerWasShutDownWithoutScoringAnythingTwice() throws IOException {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 20);
        Path job = job(simulator);
        Launched leaving = worker();
        worker();
        String id = id("auto");
        Launched run = startHeld(simulator, false, "run", job.toString(), "--id", id, "--distributed", "--auto-restart", "1")
                .run();
        awaitTrue(() -> simulator.scoredBy(leaving.process().pid()).size() >= 2 * CHUNK, Duration.ofMinutes(1));
        leaving.signal("TERM");
        leaving.finish(0);

        run.finish(0);
        assertThat(run.err()).containsPattern("partition range0\\d was stopped by its worker \\S+ \\(pid "
                + leaving.process().pid() + "\\), which was shut down").contains("restarting it (1 of 1)");
        assertThat(leaving.err()).contains("STOPPED");
        // A worker that stops commits what it scored: nothing is scored twice.
        assertThat(simulator.lines()).hasSize(SAMPLES);
        assertThat(RunQueries.onTestDatabase().distinctResults(id)).isEqualTo(SAMPLES);
        assertThat(RunQueries.onTestDatabase().status(id)).isEqualTo("COMPLETED");
    }

    @Test
    void aPartitionThatFailsOnItsWorkerFailsTheRunWithTheWorkersReason() {
        LedgerSimulator.samples(dir, "aborting", 20);
        Path job = SamplesFiles.job(dir, """
                name: aborting
                input: {format: lm-eval, files: [samples_aborting_2026-11-28T00-00-00.jsonl]}
                filter: {name: test, abort-at: [17]}
                execution: {partitions: 2, threads: 2, chunk: 5, cache: false, distributed: true}
                metrics: {pass-at-k: [1]}
                """);
        Launched worker = worker();
        String id = id("aborting");

        Launched run = evalbatch.finish(1, "run", job.toString(), "--id", id, "--auto-restart", "3");
        // The reason travels from the worker's process to the run's; a failure is not a lost worker.
        assertThat(run.err()).contains("partition range00 failed on worker ")
                .contains("(pid " + worker.process().pid() + "): test filter: injected failure at sample 17")
                .doesNotContain("restarting it");
        assertThat(worker.err()).contains(id + "/range00 FAILED");
        // The test filter fails once per sample and process: the restart completes on the same worker.
        evalbatch.finish(0, "restart", id);
        assertThat(RunQueries.onTestDatabase().distinctResults(id)).isEqualTo(40);
    }

    private Path job(LedgerSimulator simulator) {
        LedgerSimulator.samples(dir, "spread", DOCUMENTS);
        return SamplesFiles.job(dir, """
                name: spread
                input: {format: lm-eval, files: [samples_spread_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {partitions: 4, threads: 2, chunk: %d, cache: false}
                metrics: {pass-at-k: [1]}
                """.formatted(simulator.filterYaml().strip(), CHUNK));
    }

    private Launched worker() {
        Launched worker = evalbatch.start("worker", "--threads", "2");
        workers.add(worker);
        worker.awaitErr(err -> err.contains("taking partitions from queue"), Duration.ofMinutes(1));
        return worker;
    }

    /** A run started while the simulator holds every sample, and (when asked for) the workers' listing meanwhile. */
    private record Held(Launched run, @Nullable JsonNode workers) {
    }

    /**
     * Starts {@code evalbatch args} and lets the samples go once each of the two workers has taken a
     * partition; with {@code list}, {@code evalbatch workers} lists them before.
     */
    private Held startHeld(LedgerSimulator simulator, boolean list, String... args) throws IOException {
        Files.createFile(simulator.gate());
        Launched run = evalbatch.start(args);
        // Watched in the database (what the listing reads): a process per look would take seconds.
        awaitTrue(() -> partitionsHeld() == 2, Duration.ofMinutes(1));
        JsonNode busy = list ? JSON.readTree(evalbatch.finish(0, "workers", "--format", "json").out()) : null;
        Files.delete(simulator.gate());
        return new Held(run, busy);
    }

    /** Partitions held by a worker of this test's queue, as {@code evalbatch workers} counts them. */
    private long partitionsHeld() {
        return RunQueries.onTestDatabase().jdbc().sql("""
                select count(*) from partition_claim c
                  join worker w on w.worker_id = c.worker_id
                  join batch_step_execution s on s.step_execution_id = c.step_execution_id
                 where w.queue = ? and s.status in ('STARTING', 'STARTED', 'STOPPING')""")
                .param(queue).query(Long.class).single();
    }

    private static List<Long> pids(JsonNode list) {
        List<Long> pids = new ArrayList<>();
        list.get("workers").forEach(w -> pids.add(w.get("pid").longValue()));
        return pids;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + within);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String id(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
