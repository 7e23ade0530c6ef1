package io.evalbatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Why a run failed stays with the run, in the words run printed: results (every format), runs and
 * run_overview show it afterwards, never a stack trace, and it is gone once restart completes the
 * run.
 */
@DatabaseTest
class FailureReasonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void theReasonARunFailedIsShownAfterwardsAndClearedWhenItCompletes() {
        Path samples = SamplesFiles.write(dir.resolve("samples.jsonl"), """
                {"task_id": "HumanEval/0", "completion": "    return True\\n"}
                {"task_id": "HumanEval/999", "completion": "    return True\\n"}
                """);
        Path job = SamplesFiles.job(dir, """
                name: failing
                input: {format: human-eval, files: [samples.jsonl]}
                filter: {name: test}
                execution: {cache: false}
                """);
        String reason = samples + ":2: unknown task_id 'HumanEval/999' (not in HumanEval (bundled))";
        Cli.Result run = Cli.run("run", job.toString(), "--format", "json");
        assertThat(run.exitCode()).isEqualTo(1);
        String id = JSON.readTree(run.out()).get("run").stringValue();

        JsonNode results = JSON.readTree(Cli.run("results", id, "--format", "json").out());
        assertThat(results.get("errors")).hasSize(1);
        assertThat(results.get("errors").get(0).stringValue()).isEqualTo(reason);
        assertThat(Cli.run("results", id).out()).contains(reason).doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode listed = JSON.readTree(Cli.run("runs", "--format", "json").out()).get("runs");
        JsonNode row = null;
        for (JsonNode r : listed) {
            if (r.get("run").stringValue().equals(id)) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("failure").stringValue()).isEqualTo(reason);
        assertThat(JSON.readTree(Cli.run("sql", "select failure from run_overview where run_id = '" + id + "'",
                "--format", "json").out()).get(0).get("failure").stringValue()).isEqualTo(reason);

        SamplesFiles.write(samples, """
                {"task_id": "HumanEval/0", "completion": "    return True\\n"}
                {"task_id": "HumanEval/1", "completion": "    return True\\n"}
                """);
        assertThat(Cli.run("restart", id).exitCode()).isZero();
        assertThat(JSON.readTree(Cli.run("results", id, "--format", "json").out()).has("errors")).isFalse();
        assertThat(JSON.readTree(Cli.run("sql", "select failure from run_overview where run_id = '" + id + "'",
                "--format", "json").out()).get(0).get("failure").isNull()).isTrue();
    }
}
