package io.evalbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.evalbatch.support.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of the metrics benchmark at a tiny size: it measures, reports and cleans up. */
class MetricsBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void benchMetricsReportsAMarkdownRowAndLeavesNoRunBehind() throws Exception {
        Path results = dir.resolve("RESULTS.md");

        Cli.Result bench = Cli.run("bench", "metrics", "--documents", "20", "--repeats", "10", "--append", results.toString());

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        // 200 results; 20 documents × 4 metrics (pass@1, pass@5, pass@10, mean) per-document rows
        assertThat(bench.out()).contains("### Metrics over stored results").contains("Machine: ")
                .containsPattern("\\| 200 \\| 20 × 10 \\| 80 \\| [0-9.]+ s \\| [0-9.]+ s \\| [0-9.]+ s \\|");
        assertThat(Files.readString(results)).isEqualTo("\n" + bench.out());
        assertThat(Cli.run("runs", "--format", "csv").out()).doesNotContain("bench-metrics");
    }

    @Test
    void refusesSizesThatCannotGivePassAt10() {
        Cli.Result bench = Cli.run("bench", "metrics", "--documents", "20", "--repeats", "5");
        assertThat(bench.exitCode()).isEqualTo(2);
        assertThat(bench.err()).contains("--repeats at least 10");
    }
}
