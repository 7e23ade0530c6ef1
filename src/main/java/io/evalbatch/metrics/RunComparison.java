package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Compares two runs metric by metric over the documents they share, pairing each document's
 * values: the paired standard error removes the spread between documents that both runs share,
 * which is most of it when two models answer the same problems.
 */
@Service
public class RunComparison {

    private final JdbcClient jdbc;

    public RunComparison(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param iterations bootstrap resamples for the 95% interval; 0 for none
     */
    public List<MetricDifference> compare(String runA, String runB, int iterations, long seed) {
        List<MetricDifference> rows = jdbc.sql("""
                        select a.task, a.metric, count(*) as documents, avg(a.value) as value_a, avg(b.value) as value_b,
                               avg(a.value - b.value) as difference,
                               stddev_samp(a.value - b.value) / sqrt(count(*)) as stderr
                          from document_metric a
                          join document_metric b
                            on b.run_id = :b and b.task = a.task and b.doc_id = a.doc_id and b.metric = a.metric
                         where a.run_id = :a
                         group by a.task, a.metric
                         order by a.task,
                                  case when a.metric ~ '^pass@[0-9]+$' then 0 when a.metric ~ '^maj@[0-9]+$' then 2 else 1 end,
                                  case when a.metric ~ '^(pass|maj)@[0-9]+$' then substring(a.metric from '[0-9]+$')::int end,
                                  a.metric""")
                .param("a", runA)
                .param("b", runB)
                .query((rs, i) -> new MetricDifference(rs.getString("task"), rs.getString("metric"),
                        rs.getLong("documents"), rs.getDouble("value_a"), rs.getDouble("value_b"),
                        rs.getDouble("difference"), (Double) rs.getObject("stderr"), null, null))
                .list();
        if (iterations == 0) {
            return rows;
        }
        List<MetricDifference> withIntervals = new ArrayList<>(rows.size());
        for (MetricDifference row : rows) {
            double[] differences = jdbc.sql("""
                            select a.value - b.value
                              from document_metric a
                              join document_metric b
                                on b.run_id = :b and b.task = a.task and b.doc_id = a.doc_id and b.metric = a.metric
                             where a.run_id = :a and a.task = :task and a.metric = :metric
                             order by a.doc_id collate "C" """)
                    .param("a", runA).param("b", runB).param("task", row.task()).param("metric", row.metric())
                    .query(Double.class).list().stream().mapToDouble(Double::doubleValue).toArray();
            double[] replicates = Bootstrap.replicates(differences, iterations, seed, row.task());
            Arrays.sort(replicates);
            withIntervals.add(new MetricDifference(row.task(), row.metric(), row.documents(), row.valueA(),
                    row.valueB(), row.difference(), row.stderr(), percentile(replicates, 0.025),
                    percentile(replicates, 0.975)));
        }
        return withIntervals;
    }

    /** Linear interpolation between closest ranks, as numpy's default percentile. */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
