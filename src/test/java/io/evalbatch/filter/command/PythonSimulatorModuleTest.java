package io.evalbatch.filter.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * evalbatch_simulator.py makes a simulator of a Python function: the walk example, one simulation
 * per response with several results, gives the metrics computed here by hand; an exception in
 * score() is that sample's error and nothing more.
 */
@DatabaseTest
class PythonSimulatorModuleTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void theModulePrintedIsTheOneTheExampleUses() throws Exception {
        Cli.Result printed = Cli.run("simulator", "--python");
        assertThat(printed.exitCode()).isZero();
        assertThat(printed.out()).startsWith("\"\"\"Turns a Python function into a simulator")
                .isEqualTo(Files.readString(Path.of("jobs/examples/simulation/evalbatch_simulator.py")));
        assertThat(Cli.run("simulator").exitCode()).isEqualTo(2);
    }

    /**
     * By hand, from the example's 3 documents x 5 walks (walk.py's docstring has the rules):
     * reached: 3, 2 and 0 of 5, so pass@1 = (0.6 + 0.4 + 0) / 3 and pass@5 = (1 + 1 + 0) / 3;
     * costs 5,5,4,2,5 | 2,1,1,1,8 | 1,1,1,1,2, so cost:mean = (4.2 + 2.6 + 1.2) / 3 = 8/3;
     * steps 3,3,2,2,3 | 2,1,1,1,4 | 1,1,1,1,2: (2.6 + 1.8 + 1.2) / 3 = 28/15; the end point is the
     * goal exactly where the goal was reached: answer:exact_match = 1/3.
     */
    @Test
    void theWalkExampleGivesTheMetricsComputedByHand() {
        Cli.Result run = Cli.run("run", "jobs/walk-simulation.yaml", "--format", "json", "--no-cache");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Double> metrics = metrics(JSON.readTree(run.out()));
        assertThat(metrics.get("pass@1")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(metrics.get("pass@5")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(metrics.get("mean")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(metrics.get("cost:mean")).isCloseTo(8.0 / 3, within(1e-12));
        assertThat(metrics.get("steps:mean")).isCloseTo(28.0 / 15, within(1e-12));
        assertThat(metrics.get("answer:exact_match")).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void anExceptionInScoreIsThatSamplesErrorOnly() throws Exception {
        Path samples = SamplesFiles.write(dir.resolve("samples_walk_2026-12-01T00-00-00.jsonl"), """
                {"doc_id": 0, "doc": {"start": [0, 0], "goal": [1, 0]}, "target": "1,0", "resps": [["R", "X", "L"]], "filtered_resps": [["R", "X", "L"]]}
                """);
        Cli.Result run = Cli.run("run", "jobs/walk-simulation.yaml", "--input", samples.toString(), "--format", "json",
                "--no-cache");
        // The sample whose score() raised is the scorer's failure, not the answer's: the run scores
        // the others, then ends FAILED saying why, with no metric counting the error as wrong.
        assertThat(run.exitCode()).as(run.err()).isEqualTo(io.evalbatch.error.ExitCodes.RUN_NOT_COMPLETED);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("errors").get(0).stringValue()).startsWith("1 sample could not be scored")
                .contains("1 × KeyError: 'X'");
        String id = report.get("run").stringValue();
        JsonNode rows = JSON.readTree(Cli.run("results", id, "--samples", "--format", "json").out()).get("samples");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("outcome").stringValue()).isEqualTo("passed");
        assertThat(rows.get(1).get("outcome").stringValue()).isEqualTo("error");
        assertThat(rows.get(1).get("detail").stringValue()).isEqualTo("KeyError: 'X'");
        assertThat(rows.get(2).get("outcome").stringValue()).isEqualTo("failed");
        assertThat(rows.get(2).get("fields").get("answer").stringValue()).isEqualTo("-1,0");
    }

    private static Map<String, Double> metrics(JsonNode report) {
        return java.util.stream.StreamSupport.stream(report.get("metrics").spliterator(), false)
                .collect(Collectors.toMap(m -> m.get("metric").stringValue(), m -> m.get("value").doubleValue()));
    }
}
