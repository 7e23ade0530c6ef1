package io.evalbatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.filter.testing.TestFilterProvider;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@DatabaseTest
class RestartTest {

    private static final int PARTITIONS = 4;
    private static final int CHUNK = 10;
    private static final int SAMPLES = 492;

    @Autowired
    RunService runs;

    @Autowired
    TestFilterProvider testFilter;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void failedRunIsFinishedByRestartWithoutScoringCommittedChunksAgain() {
        SamplesFiles.humanEval(dir, 164, 3);
        RunEnd failed = runs.start(definition("abort-at: [300]"), null);
        String run = failed.runId();
        RunQueries q = new RunQueries(jdbc);

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failures()).containsExactly("test filter: injected failure at sample 300");
        long committed = q.distinctResults(run);
        assertThat(committed).isLessThan(SAMPLES);
        assertThat(q.metrics(run)).isEmpty();

        RunEnd restarted = runs.restart(run);

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(q.results(run)).hasSize(SAMPLES);
        assertThat(q.distinctResults(run)).isEqualTo(SAMPLES);
        long scored = testFilter.ledger().scoredCount(run);
        assertThat(scored).as("samples scored over both executions")
                .isGreaterThanOrEqualTo(SAMPLES)
                .isLessThanOrEqualTo(SAMPLES + PARTITIONS * CHUNK);

        String uninterrupted = runs.start(definition("abort-at: []"), null).runId();
        assertThat(q.results(run)).isEqualTo(q.results(uninterrupted));
        assertThat(q.metrics(run)).isEqualTo(q.metrics(uninterrupted));
    }

    @Test
    void restartOfACompletedRunChangesNothing() {
        SamplesFiles.humanEval(dir, 20, 1);
        var definition = new JobDefinitions().read(SamplesFiles.job(dir, """
                name: done
                input: {format: human-eval, files: [samples-20x1.jsonl]}
                filter: {name: test}
                """));
        String run = runs.start(definition, null).runId();
        long scored = testFilter.ledger().scoredCount(run);

        RunEnd again = runs.restart(run);

        assertThat(again.status()).isEqualTo("COMPLETED");
        assertThat(testFilter.ledger().scoredCount(run)).isEqualTo(scored);
    }

    private io.evalbatch.definition.JobDefinition definition(String abort) {
        return new JobDefinitions().read(SamplesFiles.job(dir, """
                name: restart
                input: {format: human-eval, files: [samples-164x3.jsonl]}
                filter: {name: test, pass-rate: 0.3, latency-ms: 1, %s}
                execution: {partitions: %d, threads: 3, chunk: %d}
                metrics: {pass-at-k: [1, 3]}
                """.formatted(abort, PARTITIONS, CHUNK)));
    }
}
