package io.evalbatch.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.RunQueries.TaskMetric;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@DatabaseTest
class DeterminismTest {

    @Autowired
    RunService runs;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void serialAndParallelRunsStoreIdenticalResultsAndMetrics() {
        SamplesFiles.humanEval(dir, 164, 3);
        String serial = start(1, 1, 7);
        String parallel = start(8, 4, 5);
        RunQueries q = new RunQueries(jdbc);

        assertThat(q.results(serial)).hasSize(492);
        assertThat(q.results(parallel)).isEqualTo(q.results(serial));
        assertThat(q.metrics(parallel)).isEqualTo(q.metrics(serial));
        // bootstrap errors included: seeded, so equal whatever the parallelism
        assertThat(q.metrics(serial)).filteredOn(m -> m.value() != null)
                .allSatisfy(m -> assertThat(m.bootstrapStderr()).isPositive());
        assertThat(q.metrics(serial)).extracting(TaskMetric::metric)
                .containsExactlyInAnyOrder("mean", "pass@1", "pass@2", "pass@3", "pass@5");
    }

    @Test
    void passAtKIsTheMeanOverDocumentsOfTheBinomialEstimate() {
        SamplesFiles.humanEval(dir, 164, 3);
        String run = start(3, 2, 11);
        // Outcome counts per document, straight from the stored results.
        Map<String, int[]> counts = jdbc.sql("""
                        select s.doc_id, count(*) as n, count(*) filter (where r.outcome = 'passed') as c
                          from sample s join result r using (run_id, sample_id)
                         where s.run_id = ? group by s.doc_id""")
                .param(run)
                .query((rs, i) -> Map.entry(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)}))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(counts).hasSize(164).allSatisfy((doc, nc) -> assertThat(nc[0]).isEqualTo(3));
        long passed = counts.values().stream().mapToLong(nc -> nc[1]).sum();
        assertThat(passed).as("the test filter passes some and fails some").isBetween(100L, 400L);

        Map<String, TaskMetric> metrics = new RunQueries(jdbc).metrics(run).stream()
                .collect(Collectors.toMap(TaskMetric::metric, m -> m));
        for (int k = 1; k <= 3; k++) {
            final int kk = k;
            double expected = counts.values().stream()
                    .mapToDouble(nc -> 1 - ratio(binomial(nc[0] - nc[1], kk), binomial(nc[0], kk)))
                    .average().orElseThrow();
            assertThat(metrics.get("pass@" + k).value()).as("pass@" + k).isCloseTo(expected, within(1e-12));
            assertThat(metrics.get("pass@" + k).n()).isEqualTo(164);
        }
        assertThat(metrics.get("mean").value()).isCloseTo(passed / 492.0, within(1e-12));
        TaskMetric pass5 = metrics.get("pass@5");
        assertThat(pass5.value()).isNull();
        assertThat(pass5.note()).contains("fewer than k = 5");
        // stderr of the mean: sample standard deviation (ddof 1) over documents / sqrt(documents)
        List<Double> perDoc = counts.values().stream().map(nc -> nc[1] / 3.0).toList();
        double mean = perDoc.stream().mapToDouble(d -> d).average().orElseThrow();
        double variance = perDoc.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / (perDoc.size() - 1);
        assertThat(metrics.get("mean").stderr()).isCloseTo(Math.sqrt(variance / perDoc.size()), within(1e-12));
    }

    private String start(int partitions, int threads, int chunk) {
        Path job = SamplesFiles.job(dir, """
                name: determinism
                input: {format: human-eval, files: [samples-164x3.jsonl]}
                filter: {name: test, pass-rate: 0.4}
                execution: {partitions: %d, threads: %d, chunk: %d}
                metrics: {pass-at-k: [1, 2, 3, 5], mean: true}
                """.formatted(partitions, threads, chunk));
        JobDefinition definition = new JobDefinitions().read(job);
        RunEnd outcome = runs.start(definition, null);
        assertThat(outcome.status()).isEqualTo("COMPLETED");
        return outcome.runId();
    }

    private static BigInteger binomial(int n, int k) {
        if (k > n) {
            return BigInteger.ZERO;
        }
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return result;
    }

    private static double ratio(BigInteger a, BigInteger b) {
        return a.doubleValue() / b.doubleValue();
    }
}
