package io.evalbatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deleting a run's eval_run row takes its samples, results and metrics with it, and only those. */
@DatabaseTest
class RunDeletionTest {

    @Autowired
    RunService runs;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    private String start() {
        SamplesFiles.humanEval(dir, 5, 2);
        Path job = SamplesFiles.job(dir, """
                name: deletion
                input: {format: human-eval, files: [samples-5x2.jsonl]}
                filter: {name: test}
                """);
        RunEnd outcome = runs.start(new JobDefinitions().read(job), null);
        assertThat(outcome.completed()).isTrue();
        return outcome.runId();
    }

    private long rows(String table, String runId) {
        return jdbc.sql("select count(*) from " + table + " where run_id = ?").param(runId).query(Long.class).single();
    }

    @Test
    void deletingARunDeletesItsRowsInEveryTable() {
        String deleted = start();
        String kept = start();
        for (String table : new String[] {"sample", "result", "document_metric", "metric"}) {
            assertThat(rows(table, deleted)).as(table).isPositive();
        }

        jdbc.sql("delete from eval_run where run_id = ?").param(deleted).update();

        for (String table : new String[] {"sample", "result", "document_metric", "metric"}) {
            assertThat(rows(table, deleted)).as(table).isZero();
            assertThat(rows(table, kept)).as(table + " of the other run").isPositive();
        }
    }
}
