package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.support.Cli;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CommandLineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void runPrintsMetricsAsJsonAndResultsAndRunsAgreeWithIt() {
        SamplesFiles.humanEval(dir, 30, 4);
        Path job = SamplesFiles.job(dir, """
                name: cli-json
                input: {format: human-eval, files: [samples-30x4.jsonl]}
                filter: {name: test, pass-rate: 0.5}
                execution: {partitions: 3, threads: 2, chunk: 8}
                metrics: {pass-at-k: [1, 4], mean: true}
                """);
        String runId = "cli-json-" + System.nanoTime();

        Cli.Result run = Cli.run("run", job.toString(), "--id", runId, "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("run").stringValue()).isEqualTo(runId);
        assertThat(report.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(report.get("metrics")).hasSize(3);
        JsonNode passAt1 = report.get("metrics").get(0);
        assertThat(passAt1.get("task").stringValue()).isEqualTo("humaneval");
        assertThat(passAt1.get("metric").stringValue()).isEqualTo("pass@1");
        assertThat(passAt1.get("n").intValue()).isEqualTo(30);
        assertThat(passAt1.get("value").doubleValue()).isBetween(0.0, 1.0);
        assertThat(passAt1.get("stderr").doubleValue()).isPositive();
        assertThat(report.get("metrics").get(1).get("metric").stringValue()).isEqualTo("pass@4");

        Cli.Result results = Cli.run("results", runId, "--format", "json");
        assertThat(results.exitCode()).isEqualTo(0);
        assertThat(JSON.readTree(results.out())).isEqualTo(report);

        Cli.Result runs = Cli.run("runs", "--format", "json");
        JsonNode listed = null;
        for (JsonNode r : JSON.readTree(runs.out()).get("runs")) {
            if (r.get("run").stringValue().equals(runId)) {
                listed = r;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("job").stringValue()).isEqualTo("cli-json");
        assertThat(listed.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(listed.get("done").intValue()).isEqualTo(120);
        assertThat(listed.get("total").intValue()).isEqualTo(120);
        assertThat(listed.get("started").stringValue()).isNotBlank();
        assertThat(listed.get("ended").stringValue()).isNotBlank();

        assertThat(report.get("seconds").propertyNames())
                .containsExactly("ingest", "calibrate", "reuse", "simulate", "errors", "metrics", "summary", "tally");
        JsonNode samples = JSON.readTree(Cli.run("results", runId, "--samples", "--format", "json").out()).get("samples");
        assertThat(samples).hasSize(120);
        assertThat(samples.get(0).get("task").stringValue()).isEqualTo("humaneval");
        assertThat(samples.get(0).get("doc").stringValue()).isEqualTo("HumanEval/0");
        assertThat(samples.get(0).get("line").intValue()).isEqualTo(1);
        long passedSamples = 0;
        for (JsonNode sample : samples) {
            assertThat(sample.get("outcome").stringValue()).isIn("passed", "failed");
            passedSamples += sample.get("outcome").stringValue().equals("passed") ? 1 : 0;
        }
        double meanOverDocuments = report.get("metrics").get(2).get("value").doubleValue();
        assertThat(report.get("metrics").get(2).get("metric").stringValue()).isEqualTo("mean");
        assertThat(meanOverDocuments).isCloseTo(passedSamples / 120.0, org.assertj.core.api.Assertions.within(1e-12));

        Cli.Result csv = Cli.run("results", runId, "--format", "csv");
        assertThat(csv.out()).startsWith("scope,name,metric,weighting,value,stderr,bootstrap_stderr,n,samples,errors,note,near_limit\r\n"
                + "task,humaneval,pass@1,documents,");
        Cli.Result table = Cli.run("results", runId);
        assertThat(table.out()).contains("run " + runId + ": COMPLETED").contains("pass@4");
    }

    @Test
    void invalidInputLineFailsTheRunBeforeScoringAndSaysWhere() {
        Path samples = SamplesFiles.write(dir.resolve("broken.jsonl"), """
                {"task_id": "HumanEval/0", "completion": "    return 1"}
                {"task_id": "HumanEval/1", "completion": 42}
                """);
        Path job = SamplesFiles.job(dir, """
                name: cli-broken
                input: {format: human-eval, files: [broken.jsonl]}
                filter: {name: test}
                """);
        String runId = "cli-broken-" + System.nanoTime();

        Cli.Result run = Cli.run("run", job.toString(), "--id", runId, "--format", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_NOT_COMPLETED);
        assertThat(run.err()).contains(samples + ":2: field 'completion' must be a string, found number 42");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("status").stringValue()).isEqualTo("FAILED");
        assertThat(report.get("metrics")).isEmpty();
        assertThat(report.get("errors").get(0).stringValue()).contains(":2: field 'completion'");
        assertThat(Cli.run("runs", "--format", "csv").out()).contains(runId + ",cli-broken,FAILED,0,");
    }

    @Test
    void badDefinitionsAndUnknownRunsAreRefusedWithoutATrace() {
        Path job = SamplesFiles.job(dir, "name: x\ninput: {format: human-eval}\nfilter: {name: simulate-everything}\n");
        Cli.Result unknownFilter = Cli.run("run", job.toString(), "--input", dir.resolve("missing.jsonl").toString());
        assertThat(unknownFilter.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknownFilter.err()).contains(job + ": filter.name: unknown filter 'simulate-everything'")
                .doesNotContain("Exception");

        Path good = SamplesFiles.job(dir, "name: x\ninput: {format: human-eval}\nfilter: {name: test}\n");
        Cli.Result missingInput = Cli.run("run", good.toString(), "--input", dir.resolve("missing.jsonl").toString());
        assertThat(missingInput.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missingInput.err()).contains("missing.jsonl: no such file");

        Cli.Result noInput = Cli.run("run", good.toString());
        assertThat(noInput.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(noInput.err()).contains(good + ": input.files: no input files");

        Cli.Result unknownRun = Cli.run("results", "no-such-run");
        assertThat(unknownRun.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(unknownRun.err()).contains("No run with id 'no-such-run'");

        assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run().exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "restart", "runs", "results", "metrics", "compare", "bench", "schedule"})
    void everyCommandExplainsItselfWithAnExample(String command) {
        // picocli reports a text it cannot format (an unescaped '%') on System.err.
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));
        Cli.Result help;
        try {
            help = Cli.run(command, "--help");
        } finally {
            System.setErr(err);
        }
        assertThat(warnings.toString()).doesNotContain("picocli WARN");
        assertThat(help.exitCode()).isEqualTo(0);
        assertThat(help.out()).startsWith("Usage: evalbatch " + command).contains("Example").contains("evalbatch " + command);
    }

    @Test
    void topLevelHelpListsTheCommands() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.out()).contains("run").contains("restart").contains("runs").contains("results")
                .contains("EVALBATCH_DB_URL");
    }

    @Test
    void anInvalidRunIdIsABadCommandLine() {
        Cli.Result bad = Cli.run("run", "jobs/humaneval-example.yaml", "--id", "bad id!");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().lines().findFirst().orElseThrow()).isEqualTo("Invalid run id 'bad id!': use letters, "
                + "digits, '.', '_' and '-', starting with a letter or digit (at most 64)");
    }
}
