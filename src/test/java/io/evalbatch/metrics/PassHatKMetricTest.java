package io.evalbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.evalbatch.support.Cli;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PassHatKMetricTest {

    private final PassHatKMetric metric = new PassHatKMetric();

    @TempDir
    Path dir;

    private static DocumentOutcomes document(int n, int c) {
        return new DocumentOutcomes("r", "t", "d", n, c, 0, List.of(), List.of(), Map.of());
    }

    @Test
    void isTheShareOfKSubsetsThatAllPass() {
        // n = 4, c = 3, k = 2: C(3,2) / C(4,2) = 3 / 6
        assertThat(metric.value(2, document(4, 3))).isCloseTo(0.5, within(1e-15));
        // n = 10, c = 7, k = 3: C(7,3) / C(10,3) = 35 / 120
        assertThat(metric.value(3, document(10, 7))).isCloseTo(35.0 / 120, within(1e-15));
        // n = 5, c = 5: every subset passes; c < k: none does
        assertThat(metric.value(5, document(5, 5))).isEqualTo(1.0);
        assertThat(metric.value(3, document(5, 2))).isZero();
        assertThat(metric.value(1, document(8, 0))).isZero();
        // k = 1 is the share passed, as pass@1
        assertThat(metric.value(1, document(8, 3))).isCloseTo(PassAtK.estimate(8, 3, 1), within(1e-15));
        assertThatThrownBy(() -> metric.value(5, document(4, 4))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJobSelectsItAndGetsItPerTaskNextToPassAtK() {
        // two questions of four answers each: q0 right 3 times (pass^2 = 1/2), q1 every time (1)
        Path log = SamplesFiles.write(dir.resolve("samples_consistency_2026-12-01T00-00-00.jsonl"), """
                {"doc_id": 0, "target": "1", "resps": [["#### 1", "#### 1", "#### 2", "#### 1"]], "filtered_resps": [["#### 1", "#### 1", "#### 2", "#### 1"]], "filter": "strict-match"}
                {"doc_id": 1, "target": "2", "resps": [["#### 2", "#### 2", "#### 2", "#### 2"]], "filtered_resps": [["#### 2", "#### 2", "#### 2", "#### 2"]], "filter": "strict-match"}
                """);
        Path job = SamplesFiles.job(dir, """
                name: consistency
                input: {format: lm-eval, files: ["%s"]}
                filter: {name: exact-match, extract: "#### ([0-9]+)"}
                execution: {cache: false}
                metrics: {pass-at-k: [2], pass-hat-k: [1, 2], mean: false}
                """.formatted(log));
        Cli.Result run = Cli.run("run", job.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode rows = JsonMapper.builder().build().readTree(run.out()).get("metrics");
        assertThat(rows.valueStream().map(r -> r.get("metric").stringValue()).toList())
                .containsExactly("pass@2", "pass^1", "pass^2");
        assertThat(value(rows, "pass^2")).isCloseTo((0.5 + 1.0) / 2, within(1e-12));
        assertThat(value(rows, "pass^1")).isCloseTo((0.75 + 1.0) / 2, within(1e-12));
        // pass@2 of p0: 1 - C(1,2)/C(4,2) = 1
        assertThat(value(rows, "pass@2")).isCloseTo(1.0, within(1e-12));
    }

    private static double value(JsonNode rows, String metric) {
        for (JsonNode row : rows) {
            if (row.get("metric").stringValue().equals(metric)) {
                return row.get("value").doubleValue();
            }
        }
        throw new AssertionError("no " + metric + " in " + rows);
    }
}
