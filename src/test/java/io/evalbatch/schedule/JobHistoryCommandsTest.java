package io.evalbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.evalbatch.support.Cli;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A job's history from the command line: runs of a job, a metric over them, globs in input.files. */
class JobHistoryCommandsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void runsAndTrendOfAJob() {
        String job = "history-" + UUID.randomUUID().toString().substring(0, 8);
        SamplesFiles.humanEval(dir.resolve("in"), 20, 1);
        SamplesFiles.humanEval(dir.resolve("in"), 30, 2);
        Path definition = SamplesFiles.job(dir, """
                name: %s
                input: {format: human-eval, files: ["in/samples-20x*.jsonl"]}
                filter: {name: test, pass-rate: 0.5}
                """.formatted(job));
        List<String> runIds = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String file : List.of("in/samples-20x1.jsonl", "in/samples-30x2.jsonl")) {
            Cli.Result run = Cli.run("run", definition.toString(), "--input", dir.resolve(file).toString(),
                    "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode report = JSON.readTree(run.out());
            runIds.add(report.get("run").stringValue());
            for (JsonNode m : report.get("metrics")) {
                if (m.get("metric").stringValue().equals("pass@1")) {
                    values.add(m.get("value").doubleValue());
                }
            }
        }
        Cli.Result glob = Cli.run("run", definition.toString(), "--format", "json");
        assertThat(glob.exitCode()).as(glob.err()).isZero();
        runIds.add(JSON.readTree(glob.out()).get("run").stringValue());

        JsonNode runs = JSON.readTree(Cli.run("runs", "--job", job, "--format", "json").out()).get("runs");
        assertThat(runs).extracting(r -> r.get("run").stringValue()).containsExactlyElementsOf(runIds);
        assertThat(runs.get(2).get("inputs").stringValue()).as("the glob matched the one file")
                .endsWith("samples-20x1.jsonl");

        JsonNode trend = JSON.readTree(Cli.run("results", "--job", job, "--trend", "pass@1", "--format", "json").out());
        assertThat(trend.get("runs")).extracting(r -> r.get("run").stringValue()).containsExactlyElementsOf(runIds);
        assertThat(trend.get("runs").get(0).get("value").doubleValue()).isEqualTo(values.get(0));
        assertThat(trend.get("runs").get(1).get("value").doubleValue()).isEqualTo(values.get(1));
        assertThat(trend.get("runs").get(2).get("value").doubleValue()).as("same file, same value")
                .isEqualTo(values.get(0));
        String table = Cli.run("results", "--job", job, "--trend", "pass@1").out();
        assertThat(table.lines().count()).as(table).isEqualTo(2 + 3);
    }

    @Test
    void badUsesAreExplained() {
        Path noMatch = SamplesFiles.job(dir, """
                name: nothing
                input: {format: human-eval, files: ["in/*.jsonl"]}
                filter: {name: test}
                """);
        Cli.Result run = Cli.run("run", noMatch.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("input.files: '" + dir.resolve("in/*.jsonl") + "' matches no file");

        Cli.Result unscheduled = Cli.run("schedule", dir.toString());
        assertThat(unscheduled.exitCode()).isEqualTo(3);
        assertThat(unscheduled.err()).contains("No job definition in " + dir + " has a 'schedule:'");

        Cli.Result noDirectory = Cli.run("schedule", dir.resolve("nowhere").toString());
        assertThat(noDirectory.exitCode()).isEqualTo(3);
        assertThat(noDirectory.err()).contains(dir.resolve("nowhere") + ": no such directory of job definitions")
                .doesNotContain("Exception");

        Cli.Result both = Cli.run("results", "some-run", "--job", "x", "--trend", "pass@1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give either RUN_ID, or --job NAME --trend METRIC");

    }
}
