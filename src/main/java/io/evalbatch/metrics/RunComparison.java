package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
        List<MetricDifference> rows = jdbc.sql("""
                        select a.task, a.metric, count(*) as documents,
                               avg(a.value order by a.doc_id collate "C") as value_a,
                               avg(b.value order by a.doc_id collate "C") as value_b,
                               avg(a.value - b.value order by a.doc_id collate "C") as difference,
                               stddev_samp(a.value - b.value order by a.doc_id collate "C") / sqrt(count(*)) as stderr
                          %s
                         group by a.task, a.metric
                         order by a.task, %s""".formatted(pairs, catalog.orderBy("a.metric")))
                .param("a", runA)
                .param("b", runB)
                .param("taskA", taskA)
                .param("taskB", taskB)
                .query((rs, i) -> new MetricDifference(rs.getString("task"), rs.getString("metric"),
                        rs.getLong("documents"), rs.getDouble("value_a"), rs.getDouble("value_b"),
                        rs.getDouble("difference"), (Double) rs.getObject("stderr"), null, null))
                .list();
        if (iterations == 0) {
            return rows;
        }
        Map<List<String>, List<Double>> differences = pairedDifferences(pairs, runA, taskA, runB, taskB);
        List<MetricDifference> withIntervals = new ArrayList<>(rows.size());
        for (MetricDifference row : rows) {
            double[] replicates = Bootstrap.replicates(differences.get(List.of(row.task(), row.metric())).stream()
                    .mapToDouble(Double::doubleValue).toArray(), iterations, seed, row.task());
            Arrays.sort(replicates);
            withIntervals.add(new MetricDifference(row.task(), row.metric(), row.documents(), row.valueA(),
                    row.valueB(), row.difference(), row.stderr(), percentile(replicates, 0.025),
                    percentile(replicates, 0.975)));
        }
        return withIntervals;
    }

    /**
     * Per (task, metric), A - B of each shared document, in one query, ordered by document id in
     * the byte order of "C" so that the bootstrap sees the same order on any server.
     */
    private Map<List<String>, List<Double>> pairedDifferences(String pairs, String runA, String taskA, String runB,
                                                              String taskB) {
        Map<List<String>, List<Double>> differences = new HashMap<>();
        jdbc.sql("select a.task, a.metric, a.value - b.value as difference " + pairs
                        + " order by a.task, a.metric, a.doc_id collate \"C\"")
                .param("a", runA)
                .param("b", runB)
                .param("taskA", taskA)
                .param("taskB", taskB)
                .query(rs -> {
                    differences.computeIfAbsent(List.of(rs.getString("task"), rs.getString("metric")),
                            k -> new ArrayList<>()).add(rs.getDouble("difference"));
                });
        return differences;
    }

    /** Linear interpolation between closest ranks, as numpy's default percentile. */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
