package io.evalbatch.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Known-good answers first: every HumanEval canonical solution passes through the python filter
 * (as it does in the official harness); a problem whose reference fails makes the run be refused
 * before it exists, listing that problem, unless the job or the command line allows it.
 */
@DatabaseTest
class ReferenceCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path GPT4 = ReferenceData.EXAMPLES.resolve("humaneval/gpt4_final_500c_long.jsonl");

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void everyHumanEvalReferenceSolutionPassesThroughThePythonFilter() {
        Path job = SamplesFiles.job(dir, """
                name: references
                input: {format: human-eval, files: ["%s", "%s"], task: "{file}"}
                filter: {name: python, timeout: 3.0}
                """.formatted(GPT4, ReferenceData.EXAMPLES.resolve("humaneval/Claude_custom.jsonl")));
        Cli.Result check = Cli.run("check", job.toString(), "--format", "json");
        assertThat(check.exitCode()).as(check.err()).isZero();
        JsonNode report = JSON.readTree(check.out());
        // the two files share the 164 problems: each is checked once
        assertThat(report.get("problems").asInt()).isEqualTo(164);
        assertThat(report.get("references").asInt()).isEqualTo(164);
        assertThat(report.get("passed").asInt()).isEqualTo(164);
    }

    @Test
    void aFailingReferenceRefusesTheRunBeforeItExistsUnlessAllowed() {
        Map<String, JsonNode> problems = ReferenceData.rows(ReferenceData.HUMAN_EVAL_PROBLEMS, "task_id");
        Map<String, JsonNode> gpt4 = ReferenceData.rows(GPT4, "task_id");
        StringBuilder problemLines = new StringBuilder();
        StringBuilder samples = new StringBuilder();
        for (String task : List.of("HumanEval/0", "HumanEval/1", "HumanEval/2")) {
            ObjectNode problem = (ObjectNode) problems.get(task).deepCopy();
            if (task.equals("HumanEval/2")) {
                // A test that no answer can pass: the benchmark, not the model, is wrong here.
                problem.put("test", problem.get("test").stringValue() + "\n    assert candidate(3.5) == 0.25\n");
            }
            problemLines.append(problem).append('\n');
            samples.append(gpt4.get(task)).append('\n');
        }
        SamplesFiles.write(dir.resolve("problems.jsonl"), problemLines.toString());
        SamplesFiles.write(dir.resolve("samples.jsonl"), samples.toString());
        String input = """
                name: broken-test
                input: {format: human-eval, files: [samples.jsonl], problems: problems.jsonl}
                filter: {name: python, timeout: 3.0}
                execution: {cache: false}
                """;
        Path job = SamplesFiles.job(dir, input);
        long runsBefore = runs();

        Cli.Result refused = Cli.run("run", job.toString(), "--id", "refused-" + System.nanoTime() % 1_000_000);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.err()).contains("2 of 3 reference solutions pass through the job's filter")
                .contains("  humaneval HumanEval/2: failed — ").contains("AssertionError in the program")
                .contains("--allow-failing-references").doesNotContain("\tat ");
        assertThat(runs()).as("no run was created").isEqualTo(runsBefore);

        Cli.Result check = Cli.run("check", job.toString(), "--format", "json");
        assertThat(check.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        List<String> outcomes = new java.util.ArrayList<>();
        JSON.readTree(check.out()).get("checked").forEach(r -> outcomes.add(r.get("doc").stringValue() + " "
                + r.get("outcome").stringValue()));
        assertThat(outcomes).containsExactly("HumanEval/0 passed", "HumanEval/1 passed", "HumanEval/2 failed");

        Cli.Result allowed = Cli.run("run", job.toString(), "--allow-failing-references", "--format", "json");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        Path allowing = SamplesFiles.write(dir.resolve("allowing.yaml"), input + "check: {allow-failing: true}\n");
        assertThat(Cli.run("run", allowing.toString()).exitCode()).isZero();
        Path unchecked = SamplesFiles.write(dir.resolve("unchecked.yaml"), input + "check: none\n");
        assertThat(Cli.run("run", unchecked.toString()).exitCode()).isZero();
    }

    private long runs() {
        return jdbc.sql("select count(*) from eval_run").query(Long.class).single();
    }
}
