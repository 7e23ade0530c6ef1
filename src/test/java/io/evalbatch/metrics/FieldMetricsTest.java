package io.evalbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.RunQueries.TaskMetric;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Metrics over named result fields, from one computation per sample. The simulator here returns
 * each response (a JSON object) as its fields and passes a sample when its answer, trimmed, is the
 * target; every expected value below is worked out by hand from the two documents.
 */
@DatabaseTest
class FieldMetricsTest {

    private static final String SIMULATOR = """
            import json, sys
            for line in sys.stdin:
                q = json.loads(line)
                fields = json.loads(q["response"])
                ok = str(fields.get("answer", "")).strip() == q["target"]
                print(json.dumps({"id": q["id"], "outcome": "passed" if ok else "failed", "fields": fields}), flush=True)
            """;

    // doc 0, target 7: cost 1 and 3 (the third is not a number); answers 7, 8, 8; ok 1, 0, 1
    // doc 1, target 5: cost 2 and 4; answers " 5 ", 4 and none; ok 2, 0, 1 (2 is a number, not a pass)
    private static final String LOG = """
            {"doc_id": 0, "doc": {"q": "a"}, "target": "7", "resps": [[]], "filtered_resps": [["{\\"cost\\": 1, \\"answer\\": \\"7\\", \\"ok\\": 1}", "{\\"cost\\": 3, \\"answer\\": \\"8\\", \\"ok\\": 0}", "{\\"cost\\": \\"n/a\\", \\"answer\\": \\"8\\", \\"ok\\": 1}"]]}
            {"doc_id": 1, "doc": {"q": "b"}, "target": "5", "resps": [[]], "filtered_resps": [["{\\"cost\\": 2, \\"answer\\": \\" 5 \\", \\"ok\\": 2}", "{\\"answer\\": 4, \\"ok\\": 0}", "{\\"cost\\": 4, \\"ok\\": 1}"]]}
            """;

    @Autowired
    RunService runs;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void meansSumsExactMatchesAndMajorityVotesOfFields() {
        SamplesFiles.write(dir.resolve("sim.py"), SIMULATOR);
        SamplesFiles.write(dir.resolve("samples_fields.jsonl"), LOG);
        var definition = new JobDefinitions().read(SamplesFiles.job(dir, """
                name: fields
                input: {format: lm-eval, files: [samples_fields.jsonl], task: fields}
                filter: {name: command, command: [python3, sim.py], directory: ., timeout: 20}
                execution: {cache: false}
                metrics:
                  mean: true
                  fields:
                    cost: [mean, sum]
                    answer: [exact-match, maj@1, maj@3, maj@4]
                    missing: mean
                    ok: [pass@1, pass@2, pass@4]
                  bootstrap: {iterations: 0}
                """));

        RunEnd outcome = runs.start(definition, null);

        assertThat(outcome.status()).isEqualTo("COMPLETED");
        Map<String, TaskMetric> m = new RunQueries(jdbc).metrics(outcome.runId()).stream()
                .collect(Collectors.toMap(TaskMetric::metric, Function.identity()));
        // per document: cost mean 2 and 3; sums 4 and 6
        assertThat(m.get("cost:mean").value()).isCloseTo(2.5, within(1e-12));
        assertThat(m.get("cost:mean").stderr()).isCloseTo(0.5, within(1e-12));
        assertThat(m.get("cost:sum").value()).isCloseTo(5.0, within(1e-12));
        assertThat(m.get("cost:sum").stderr()).isCloseTo(1.0, within(1e-12));
        // one of three answers matches in each document (" 5 " once trimmed)
        assertThat(m.get("answer:exact_match").value()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.get("mean").value()).isCloseTo(1.0 / 3, within(1e-12));
        // maj@1: the first answers, 7 and 5, are right
        assertThat(m.get("answer:maj@1").value()).isEqualTo(1.0);
        // maj@3: doc 0 votes 8 (wrong); doc 1 ties 5, 4, none and the first seen, 5, wins (right)
        assertThat(m.get("answer:maj@3").value()).isEqualTo(0.5);
        assertThat(m.get("answer:maj@4").value()).isNull();
        assertThat(m.get("answer:maj@4").note()).contains("fewer than k = 4");
        assertThat(m.get("missing:mean").value()).isNull();
        assertThat(m.get("missing:mean").note()).contains("no result of this task has a number in field 'missing'");
        assertThat(m.get("cost:mean").n()).isEqualTo(2);
        // pass@k with the samples whose ok is 1 passing: doc 0 has c = 2 of n = 3, doc 1 c = 1 (its 2 counts in n only);
        // pass@1 = c / n: (2/3 + 1/3) / 2; pass@2 = 1 - C(n-c, 2) / C(3, 2): doc 0 1 - 0/3, doc 1 1 - 1/3
        assertThat(m.get("ok:pass@1").value()).isCloseTo(0.5, within(1e-12));
        assertThat(m.get("ok:pass@2").value()).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
        assertThat(m.get("ok:pass@4").value()).isNull();

        String stored = jdbc.sql("select fields::text from sample_result where run_id = ? and sample_id = 0")
                .param(outcome.runId()).query(String.class).single();
        assertThat(stored).isEqualTo("{\"ok\": 1, \"cost\": 1, \"answer\": \"7\"}");
        var samples = tools.jackson.databind.json.JsonMapper.builder().build().readTree(io.evalbatch.support.Cli.run(
                "results", outcome.runId(), "--samples", "--format", "json").out()).get("samples");
        assertThat(samples.get(1).get("fields").get("cost").intValue()).isEqualTo(3);
        assertThat(samples.get(5).get("fields").has("answer")).isFalse();
    }

    /** The example in jobs/: its simulator passes exactly the samples whose answer is the target. */
    @Test
    void theExampleSimulatorJobRuns() {
        var definition = new JobDefinitions().read(Path.of("jobs/arithmetic-simulator.yaml"));
        RunEnd outcome = runs.start(definition.withExecution(definition.execution().withCache(false)), null);

        assertThat(outcome.status()).isEqualTo("COMPLETED");
        Map<String, TaskMetric> m = new RunQueries(jdbc).metrics(outcome.runId()).stream()
                .collect(Collectors.toMap(TaskMetric::metric, Function.identity()));
        assertThat(m).containsKeys("answer:exact_match", "answer:maj@4", "abs_error:mean", "words:mean", "words:sum");
        assertThat(m.get("answer:exact_match").value()).isEqualTo(m.get("mean").value());
        assertThat(m.get("words:sum").value()).isCloseTo(4 * m.get("words:mean").value(), within(1e-9));
        assertThat(jdbc.sql("select count(*) from result where run_id = ? and outcome = 'error'")
                .param(outcome.runId()).query(Long.class).single()).isZero();
    }
}
