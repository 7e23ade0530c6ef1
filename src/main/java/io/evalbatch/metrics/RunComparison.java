package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Compares two runs metric by metric over the documents they share, pairing each document's
 * values: the paired standard error removes the spread between documents that both runs share,
 * which is most of it when two models answer the same problems.
 */
@Service
public class RunComparison {

    /** The documents both runs have a value for, per metric. */
    private static final String PAIRS = """
            from document_metric a
            join document_metric b
              on b.run_id = :b and b.task = a.task and b.doc_id = a.doc_id and b.metric = a.metric
            where a.run_id = :a""";

    /** The same for one task of each run (two models scored as two tasks of one run, say). */
    private static final String TASK_PAIRS = """
            from document_metric a
            join document_metric b
              on b.run_id = :b and b.task = :taskB and b.doc_id = a.doc_id and b.metric = a.metric
            where a.run_id = :a and a.task = :taskA""";

    private final JdbcClient jdbc;
    private final MetricCatalog catalog;

    public RunComparison(JdbcClient jdbc, MetricCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /**
     * @param iterations bootstrap resamples for the 95% interval; 0 for none
     */
    public List<MetricDifference> compare(String runA, String runB, int iterations, long seed) {
        return compare(runA, null, runB, null, iterations, seed);
    }

    /**
     * Task {@code taskA} of run A against task {@code taskB} of run B, document by document (the
     * rows carry task A's name); both null to pair every task with its namesake.
     */
    public List<MetricDifference> compare(String runA, String taskA, String runB, String taskB, int iterations,
                                          long seed) {
        String pairs = taskA == null ? PAIRS : TASK_PAIRS;
        // One pass over the pairs in a fixed order (documents by id in the byte order of "C"): the
        // sums, and the bootstrap's draws, are the same on any server, and a million pairs are read
        // once and sorted once rather than once per aggregate.
        Map<List<String>, Paired> paired = new LinkedHashMap<>();
        jdbc.sql("select a.task, a.metric, a.value as value_a, b.value as value_b " + pairs
                        + " order by a.task, " + catalog.orderBy("a.metric") + ", a.doc_id collate \"C\"")
                .param("a", runA)
                .param("b", runB)
                .param("taskA", taskA)
                .param("taskB", taskB)
                .query(rs -> {
                    paired.computeIfAbsent(List.of(rs.getString("task"), rs.getString("metric")), k -> new Paired())
                            .add(rs.getDouble("value_a"), rs.getDouble("value_b"));
                });
        // A task's metrics over the same documents are resampled with the same draws (the seed is
        // the task's): drawn once for all of them, as the metrics step does.
        Map<List<String>, double[]> replicates = new HashMap<>();
        if (iterations > 0) {
            Map<List<Object>, List<List<String>>> sameDraws = new LinkedHashMap<>();
            paired.forEach((key, group) -> sameDraws.computeIfAbsent(List.of(key.get(0), group.n), k -> new ArrayList<>())
                    .add(key));
            sameDraws.forEach((task, keys) -> {
                double[][] values = keys.stream().map(k -> paired.get(k).differences()).toArray(double[][]::new);
                double[][] drawn = Bootstrap.replicates(values, iterations, seed, (String) task.get(0));
                for (int i = 0; i < keys.size(); i++) {
                    Arrays.sort(drawn[i]);
                    replicates.put(keys.get(i), drawn[i]);
                }
            });
        }
        List<MetricDifference> rows = new ArrayList<>(paired.size());
        paired.forEach((key, group) -> {
            double[] differences = group.differences();
            int n = differences.length;
            double mean = group.sumDifference / n;
            Double stderr = null;
            if (n > 1) {
                double squares = 0;
                for (double d : differences) {
                    squares += (d - mean) * (d - mean);
                }
                stderr = Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
            }
            double[] drawn = replicates.get(key);
            rows.add(new MetricDifference(key.get(0), key.get(1), n, group.sumA / n, group.sumB / n, mean, stderr,
                    drawn == null ? null : percentile(drawn, 0.025), drawn == null ? null : percentile(drawn, 0.975)));
        });
        return rows;
    }

    /** The pairs of one task and metric, in document order. */
    private static final class Paired {
        private double[] differences = new double[16];
        private int n;
        private double sumA;
        private double sumB;
        private double sumDifference;

        void add(double a, double b) {
            if (n == differences.length) {
                differences = Arrays.copyOf(differences, n * 2);
            }
            differences[n++] = a - b;
            sumA += a;
            sumB += b;
            sumDifference += a - b;
        }

        /** The differences in document order; the pairs are all read by then. */
        double[] differences() {
            if (differences.length != n) {
                differences = Arrays.copyOf(differences, n);
            }
            return differences;
        }
    }

    /** Linear interpolation between closest ranks, as numpy's default percentile. */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
