package io.evalbatch.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.filter.testing.TestFilterProvider;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Results computed once serve later runs of identical samples, and never across another filter
 * version or configuration. Each test's responses carry a fresh nonce, so that results of earlier
 * test runs in a persistent database cannot be reused.
 */
@DatabaseTest
class ResultCacheTest {

    @Autowired
    RunService runs;

    @Autowired
    TestFilterProvider testFilter;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    private final String nonce = UUID.randomUUID().toString();

    /** A human-eval file: {@code repeats} completions of each of the first {@code problems} problems. */
    private Path samples(String name, int problems, int repeats) {
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (int p = 0; p < problems; p++) {
                lines.add("{\"task_id\": \"HumanEval/%d\", \"completion\": \"    return %d  # %s\\n\"}"
                        .formatted(p, r, nonce));
            }
        }
        return SamplesFiles.write(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private JobDefinition testFilterJob(Path samples, String filterOptions) {
        return new JobDefinitions().read(SamplesFiles.job(dir, """
                name: cache
                input: {format: human-eval, files: ["%s"]}
                filter: {name: test, pass-rate: 0.5, cache: true%s}
                execution: {partitions: 3, threads: 2, chunk: 7}
                metrics: {pass-at-k: [1, 2]}
                """.formatted(samples, filterOptions)));
    }

    private String run(JobDefinition definition) {
        RunEnd outcome = runs.start(definition, null);
        assertThat(outcome.status()).isEqualTo("COMPLETED");
        return outcome.runId();
    }

    private List<String> reusedFrom(String runId) {
        return jdbc.sql("select coalesce(reused_from, '-') from result where run_id = ? order by sample_id")
                .param(runId).query(String.class).list();
    }

    @Test
    void aSecondRunOfTheSameSamplesReusesEveryResultWithEqualMetrics() {
        JobDefinition job = testFilterJob(samples("a.jsonl", 30, 2), "");
        RunQueries q = new RunQueries(jdbc);

        String first = run(job);
        String second = run(job);

        assertThat(testFilter.ledger().scoredCount(first)).isEqualTo(60);
        assertThat(testFilter.ledger().scoredCount(second)).as("samples scored by the second run").isZero();
        assertThat(q.results(second)).isEqualTo(q.results(first));
        assertThat(q.metrics(second)).isEqualTo(q.metrics(first));
        assertThat(reusedFrom(first)).containsOnly("-");
        assertThat(reusedFrom(second)).hasSize(60).containsOnly(first);
    }

    @Test
    void noCacheComputesEveryResultAndStillServesLaterRuns() {
        JobDefinition job = testFilterJob(samples("a.jsonl", 10, 1), "");
        JobDefinition uncached = job.withExecution(job.execution().withCache(false));

        String first = run(uncached);
        String second = run(uncached);
        String third = run(job);

        assertThat(testFilter.ledger().scoredCount(second)).isEqualTo(10);
        assertThat(reusedFrom(second)).containsOnly("-");
        assertThat(testFilter.ledger().scoredCount(third)).isZero();
        assertThat(reusedFrom(third)).containsOnly(first);
    }

    /** Copies never serve: the cache is the computed results, and forgets those of a deleted run. */
    @Test
    void copiesDoNotServeSoDeletingTheComputingRunComputesAgain() {
        JobDefinition job = testFilterJob(samples("a.jsonl", 15, 1), "");
        String first = run(job);
        String copy = run(job);
        assertThat(reusedFrom(copy)).containsOnly(first);

        jdbc.sql("delete from eval_run where run_id = ?").param(first).update();
        String afterDelete = run(job);
        String again = run(job);

        assertThat(testFilter.ledger().scoredCount(afterDelete)).isEqualTo(15);
        assertThat(reusedFrom(afterDelete)).containsOnly("-");
        assertThat(reusedFrom(again)).containsOnly(afterDelete);
        assertThat(new RunQueries(jdbc).results(afterDelete)).isEqualTo(new RunQueries(jdbc).results(copy));
    }

    @Test
    void onlyNewSamplesAreScoredWhenARunAddsToEarlierOnes() throws Exception {
        Path small = samples("small.jsonl", 20, 1);
        Path larger = samples("larger.jsonl", 25, 2);
        String first = run(testFilterJob(small, ""));

        String second = run(testFilterJob(larger, ""));

        assertThat(Files.readAllLines(larger)).containsAll(Files.readAllLines(small));
        assertThat(testFilter.ledger().scoredCount(second)).isEqualTo(50 - 20);
        assertThat(reusedFrom(second)).filteredOn(first::equals).hasSize(20);
        String uncached = run(testFilterJob(larger, "").withExecution(
                testFilterJob(larger, "").execution().withCache(false)));
        assertThat(new RunQueries(jdbc).results(second)).isEqualTo(new RunQueries(jdbc).results(uncached));
        assertThat(new RunQueries(jdbc).metrics(second)).isEqualTo(new RunQueries(jdbc).metrics(uncached));
    }

    @Test
    void anotherFilterConfigurationIsComputedAgain() {
        Path samples = samples("a.jsonl", 12, 1);
        String first = run(testFilterJob(samples, ""));

        String otherRate = run(testFilterJob(samples, ", pass-rate: 0.7"));
        String sameAgain = run(testFilterJob(samples, ""));

        assertThat(testFilter.ledger().scoredCount(otherRate)).isEqualTo(12);
        assertThat(reusedFrom(otherRate)).containsOnly("-");
        assertThat(reusedFrom(sameAgain)).containsOnly(first);
    }

    /** The python filter: a changed timeout makes every sample run again; the same one reuses. */
    @Test
    void pythonResultsAreRecomputedWhenTheTimeoutChanges() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("jobs/examples/humaneval/gpt4_final_500c_long.jsonl"))
                .subList(0, 6).stream()
                .map(l -> l.replaceFirst("\"completion\": \"", "\"completion\": \"# " + nonce + "\\\\n"))
                .toList();
        Path file = SamplesFiles.write(dir.resolve("gpt4-6.jsonl"), String.join("\n", lines) + "\n");
        String first = run(pythonJob(file, "3.0"));
        String same = run(pythonJob(file, "3.0"));
        String otherTimeout = run(pythonJob(file, "2.5"));

        assertThat(reusedFrom(same)).hasSize(6).containsOnly(first);
        assertThat(reusedFrom(otherTimeout)).hasSize(6).containsOnly("-");
        assertThat(jdbc.sql("select count(*) from result where run_id = ? and outcome = 'passed'")
                .param(first).query(Long.class).single()).as("the nonce comment leaves programs intact")
                .isGreaterThanOrEqualTo(5);
        assertThat(new RunQueries(jdbc).results(otherTimeout)).isEqualTo(new RunQueries(jdbc).results(first));
    }

    private JobDefinition pythonJob(Path file, String timeout) {
        return new JobDefinitions().read(SamplesFiles.job(dir, """
                name: cache-python
                input: {format: human-eval, files: ["%s"]}
                filter: {name: python, timeout: %s}
                execution: {partitions: 2, threads: 2, chunk: 2}
                """.formatted(file, timeout)));
    }

    @Test
    void errorsAreNeverReused() throws Exception {
        // A simulator that fails on its first request ever and answers every later one.
        Path simulator = SamplesFiles.write(dir.resolve("flaky.py"), """
                import json, os, sys
                marker = os.path.join(os.path.dirname(os.path.abspath(__file__)), "failed-once")
                for line in sys.stdin:
                    q = json.loads(line)
                    if not os.path.exists(marker):
                        open(marker, "w").close()
                        os._exit(1)
                    print(json.dumps({"id": q["id"], "outcome": "passed"}), flush=True)
                """);
        Path samples = samples("a.jsonl", 5, 1);
        JobDefinition job = new JobDefinitions().read(SamplesFiles.job(dir, """
                name: cache-errors
                input: {format: human-eval, files: ["%s"]}
                filter: {name: command, command: [python3, "%s"], timeout: 20}
                execution: {partitions: 1, threads: 1, chunk: 5, max-errors: 1}
                """.formatted(samples, simulator)));

        String first = run(job);
        String second = run(job);

        List<String> outcomes = jdbc.sql("select outcome from result where run_id = ? order by sample_id")
                .param(first).query(String.class).list();
        assertThat(outcomes).containsExactly("error", "passed", "passed", "passed", "passed");
        assertThat(reusedFrom(second)).containsExactly("-", first, first, first, first);
        assertThat(jdbc.sql("select outcome from result where run_id = ? and sample_id = 0")
                .param(second).query(String.class).single()).isEqualTo("passed");
    }
}
