package io.evalbatch.run;

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

/**
 * Separate evalbatch processes on one PostgreSQL, as on several machines: two runs at once do not
 * interfere and are listed correctly; a run id is taken by one process only, and a running run
 * cannot be restarted by another process.
 */
@Tag("slow")
class ConcurrentRunsTest {

    private static final int DOCUMENTS = 300;

    @TempDir
    Path dir;

    @Test
    void twoRunsAtOnceOnOneDatabaseEachGetTheirOwnCorrectResults() throws IOException {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 2);
        LedgerSimulator.samples(dir, "first", DOCUMENTS);
        LedgerSimulator.samples(dir, "second", DOCUMENTS);
        String yaml = """
                name: %s
                input: {format: lm-eval, files: [samples_%s_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {partitions: 3, threads: 3, chunk: 10, cache: false}
                metrics: {pass-at-k: [1]}
                """;
        Path first = SamplesFiles.job(dir, yaml.formatted("first", "first", simulator.filterYaml().strip()));
        Path second = SamplesFiles.job(dir, yaml.formatted("second", "second", simulator.filterYaml().strip()));
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onTestDatabase(dir);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String a = "first-" + suffix;
        String b = "second-" + suffix;

        // Both runs are held in simulate until the other processes have tried their ids.
        Files.createFile(simulator.gate());
        Launched runA = evalbatch.start("run", first.toString(), "--id", a);
        Launched runB = evalbatch.start("run", second.toString(), "--id", b);
        runA.awaitErr(err -> err.contains("ingested " + 2 * DOCUMENTS + " samples"), Duration.ofMinutes(2));
        runB.awaitErr(err -> err.contains("ingested " + 2 * DOCUMENTS + " samples"), Duration.ofMinutes(2));

        // While both score: another process can neither take nor restart their ids.
        Launched sameId = evalbatch.start("run", first.toString(), "--id", a);
        Launched restartRunning = evalbatch.start("restart", b);
        JsonNode listedA = evalbatch.listed(a);
        JsonNode listedB = evalbatch.listed(b);
        assertThat(sameId.finish(4).err()).contains("A run with id '" + a + "' exists already");
        assertThat(restartRunning.finish(4).err()).contains("Run " + b + " is marked STARTED").contains("Only a run whose process has ended");
        assertThat(listedA.get("status").stringValue()).isEqualTo("STARTED");
        assertThat(listedB.get("status").stringValue()).isEqualTo("STARTED");

        assertThat(runA.process().isAlive()).isTrue();
        assertThat(runB.process().isAlive()).isTrue();
        Files.delete(simulator.gate());
        runA.finish(0);
        runB.finish(0);
        // Each run holds exactly its own outcomes, those the simulator's rule gives.
        RunQueries queries = RunQueries.onTestDatabase();
        for (String id : List.of(a, b)) {
            assertThat(queries.status(id)).isEqualTo("COMPLETED");
            List<RunQueries.ResultRow> results = queries.results(id);
            assertThat(results).hasSize(2 * DOCUMENTS);
            for (RunQueries.ResultRow r : results) {
                long doc = r.sampleId() / 2;
                long repeat = r.sampleId() % 2;
                assertThat(r.outcome()).as("sample %d of %s", r.sampleId(), id)
                        .isEqualTo((doc * 31 + repeat * 7) % 5 < 2 ? "passed" : "failed");
            }
        }
        assertThat(simulator.scoredBy(runA.process().pid())).hasSize(2 * DOCUMENTS);
        assertThat(simulator.scoredBy(runB.process().pid())).hasSize(2 * DOCUMENTS);
    }

    @Test
    void oneRunIdStartedByTwoProcessesAtOnceRunsOnce() {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 0);
        LedgerSimulator.samples(dir, "race", 50);
        Path job = SamplesFiles.job(dir, """
                name: race
                input: {format: lm-eval, files: [samples_race_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {cache: false}
                """.formatted(simulator.filterYaml().strip()));
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onTestDatabase(dir);
        String id = "race-" + UUID.randomUUID().toString().substring(0, 8);

        Launched one = evalbatch.start("run", job.toString(), "--id", id);
        Launched other = evalbatch.start("run", job.toString(), "--id", id);
        int exitOne = one.exit(Duration.ofMinutes(3));
        int exitOther = other.exit(Duration.ofMinutes(3));

        assertThat(List.of(exitOne, exitOther)).containsExactlyInAnyOrder(0, 4);
        Launched refused = exitOne == 4 ? one : other;
        assertThat(refused.err()).contains("exists already").doesNotContain("Exception");
        assertThat(RunQueries.onTestDatabase().results(id)).hasSize(100);
        assertThat(simulator.lines()).hasSize(100);
    }
}
