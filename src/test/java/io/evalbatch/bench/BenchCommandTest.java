package io.evalbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.evalbatch.support.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of the benchmarks at a tiny size: they measure, report and clean up. */
class BenchCommandTest {

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
        assertNoRunLeft("bench-metrics");
    }

    @Test
    void benchPipelineRunsWholeEvaluationsAndReportsARowPerCase() {
        Cli.Result bench = Cli.run("bench", "pipeline", "--samples", "200", "--partitions", "1,2", "--threads", "2",
                "--chunk", "50", "--latency-ms", "1");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        // one row per partition count; with 1 ms latency the ideal is min(2 threads, 50 × p) / 1 ms
        assertThat(bench.out()).containsPattern("\\| 200 \\| 1 \\| 2 \\| 50 \\| 1 ms \\| .* \\| 2,000/s \\| [0-9]+ % \\|")
                .containsPattern("\\| 200 \\| 2 \\| 2 \\| 50 \\| 1 ms \\|");
        assertNoRunLeft("bench-pipeline");
    }

    @Test
    void benchFloorPutsTheRunsOwnRowsInTheSameTablesAndDividesTheTimes() {
        Cli.Result bench = Cli.run("bench", "floor", "--samples", "200", "--partitions", "2", "--threads", "2",
                "--chunk", "50");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("\\| 200 \\| ([0-9.]+) s \\| ([0-9.]+) s \\| ([0-9.]+) s "
                + "\\| ([0-9.]+) s \\| ([0-9.]+) s \\| ([0-9.]+) s \\| ([0-9.]+) \\|").matcher(bench.out());
        assertThat(row.find()).as(bench.out()).isTrue();
        double[] v = new double[8];
        for (int i = 1; i <= 7; i++) {
            v[i] = Double.parseDouble(row.group(i));
        }
        // floor = its four parts (printed to 3 decimals), ratio = end to end (2 decimals) / floor
        assertThat(v[5]).isCloseTo(v[1] + v[2] + v[3] + v[4], org.assertj.core.data.Offset.offset(0.0025));
        assertThat(v[5]).isPositive();
        assertThat(v[7]).isBetween((v[6] - 0.005) / (v[5] + 0.0005) - 0.005, (v[6] + 0.005) / (v[5] - 0.0005) + 0.005);
        assertNoRunLeft("bench-floor");
        assertNoRunLeft("bench-pipeline");
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void benchDistributedScoresWithTheRunAloneAndWithAWorkerProcess() {
        Cli.Result bench = Cli.run("bench", "distributed", "--samples", "40", "--latency-ms", "1", "--threads", "2",
                "--partitions", "2", "--chunk", "10", "--workers", "0,1");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        // ideal = min(max(workers, 1), 2 partitions) × 2 threads / 1 ms
        assertThat(bench.out()).contains("### Distributed simulate")
                .containsPattern("\\| the run itself \\| 2 \\| 10 \\| [0-9.]+ s \\| [0-9.,]+ \\| - \\| 2,000/s \\|")
                .containsPattern("\\| 1 worker \\| 2 \\| 10 \\| [0-9.]+ s \\| [0-9.,]+ \\| 1.00× \\| 2,000/s \\|");
        assertNoRunLeft("bench-distributed");
    }

    /**
     * 20 judgments against a limit of 600 a minute: evalbatch's judge is paced under it and meets no
     * 429, so its row says 0; the plain pool's 20 fit in the limit too. (The memory rows measure
     * runs the same way; the benchmark itself runs them.)
     */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void benchJudgeSetsTheJudgeBesideAPlainPool() {
        Cli.Result bench = Cli.run("bench", "judge", "--judgments", "20", "--per-minute", "600", "--latency-ms", "5",
                "--threads", "4", "--rounds", "1", "--memory", "0");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("### Judge against a rate limit")
                .containsPattern("\\| 1 \\| evalbatch judge \\| 20 \\| [0-9.]+ \\| [0-9]+ \\| [0-9.]+ % \\| 0 \\| 20 \\|")
                .containsPattern("\\| 1 \\| plain pool \\| 20 \\| [0-9.]+ \\| [0-9]+ \\| [0-9.]+ % \\| 0 \\| 20 \\|")
                .doesNotContain("Memory:");
        assertNoRunLeft("bench-judge");
    }

    @Test
    void refusesSizesThatCannotGivePassAt10() {
        Cli.Result bench = Cli.run("bench", "metrics", "--documents", "20", "--repeats", "5");
        assertThat(bench.exitCode()).isEqualTo(2);
        assertThat(bench.err()).contains("--repeats at least 10");
    }

    /** The runs a bench created are gone: read from a runs listing that itself succeeded. */
    private static void assertNoRunLeft(String prefix) {
        Cli.Result runs = Cli.run("runs", "--format", "csv");
        assertThat(runs.exitCode()).as(runs.err()).isZero();
        assertThat(runs.out()).doesNotContain(prefix);
    }
}
