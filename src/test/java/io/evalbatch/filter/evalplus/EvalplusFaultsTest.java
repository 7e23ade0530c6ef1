package io.evalbatch.filter.evalplus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.definition.JobDefinitions;
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
 * What cannot be checked is never a verdict: a reference solution that fails gives its samples the
 * outcome {@code error} (left out of every metric), and a task the dataset lacks refuses the run.
 */
@DatabaseTest
class EvalplusFaultsTest {

    /** Two problems of one's own: "Own/0" doubles its argument; "Own/1"'s reference raises. */
    private static final String DATASET = """
            {"task_id": "Own/0", "prompt": "def double(x):\\n", "entry_point": "double", "canonical_solution": "    return 2 * x\\n", "base_input": [[1], [2]], "plus_input": [[3], [-4], [0.5]], "atol": 0}
            {"task_id": "Own/1", "prompt": "def half(x):\\n", "entry_point": "half", "canonical_solution": "    raise ValueError('no')\\n", "base_input": [[1]], "plus_input": [[2]], "atol": 0}
            """;
    private static final String PROBLEMS = """
            {"task_id": "Own/0", "prompt": "def double(x):\\n", "entry_point": "double", "test": ""}
            {"task_id": "Own/1", "prompt": "def half(x):\\n", "entry_point": "half", "test": ""}
            """;

    @Autowired
    RunService runs;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void aReferenceSolutionThatFailsGivesErrorsNotFailures() {
        SamplesFiles.write(dir.resolve("own-plus.jsonl"), DATASET);
        SamplesFiles.write(dir.resolve("problems.jsonl"), PROBLEMS);
        SamplesFiles.write(dir.resolve("samples.jsonl"), """
                {"task_id": "Own/0", "completion": "    return x + x\\n"}
                {"task_id": "Own/0", "completion": "    return x * x\\n"}
                {"task_id": "Own/1", "completion": "    return x / 2\\n"}
                """);
        RunEnd end = runs.start(new JobDefinitions().read(SamplesFiles.job(dir, """
                name: own-plus
                input: {format: human-eval, files: [samples.jsonl], problems: problems.jsonl, task: own}
                filter: {name: evalplus, dataset: own-plus.jsonl, python: /usr/bin/python3}
                execution: {cache: false, max-errors: 1}
                metrics: {pass-at-k: [1], mean: false}
                check: {references: false}
                """)), null);

        assertThat(end.status()).isEqualTo("COMPLETED");
        var rows = jdbc.sql("select outcome, detail, fields ->> 'base_status' from result where run_id = ? "
                + "order by sample_id").param(end.runId())
                .query((rs, i) -> rs.getString(1) + " | " + rs.getString(3) + " | " + rs.getString(2)).list();
        // x + x doubles every input; x * x is right for 2 and 0 only, so base fails at 1 (input 1).
        assertThat(rows.get(0)).startsWith("passed | pass | base: pass (2 inputs)");
        assertThat(rows.get(1)).startsWith("failed | fail | base: fail: input 1 of 2: wrong output; input [1], "
                + "expected 2, got 1");
        assertThat(rows.get(2)).startsWith("error | null | no ground truth for Own/1: the reference solution fails "
                + "on base_input: ValueError: no");
        // The error is no verdict: pass@1 is the mean over Own/0 alone, (1 + 0) / 2.
        assertThat(new RunQueries(jdbc).metrics(end.runId())).filteredOn(m -> m.metric().equals("pass@1"))
                .singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(0.5));
    }

    @Test
    void aTaskTheDatasetLacksRefusesTheRun() {
        SamplesFiles.write(dir.resolve("samples.jsonl"), """
                {"task_id": "HumanEval/0", "completion": "    return True\\n"}
                """);
        SamplesFiles.write(dir.resolve("own-plus.jsonl"), DATASET);
        assertThatThrownBy(() -> runs.start(new JobDefinitions().read(SamplesFiles.job(dir, """
                name: missing-task
                input: {format: human-eval, files: [samples.jsonl]}
                filter: {name: evalplus, dataset: own-plus.jsonl, python: /usr/bin/python3}
                check: {references: false}
                """)), null)).isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageContaining("filter.dataset").hasMessageContaining("1 task(s) of the input are not in")
                .hasMessageContaining("HumanEval/0");
    }
}
