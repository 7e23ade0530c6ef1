package io.evalbatch.metrics;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the aggregated metrics of a run. */
@Repository
public class MetricStore {

    private final JdbcClient jdbc;

    public MetricStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Tasks, then groups, by name; within them pass@k by k, the other metrics by name, maj@k by k;
     * the size-weighted row of a group before the equally weighted one.
     */
    public List<MetricRow> metrics(String runId) {
        return jdbc.sql("""
                        select run_id, scope, name, metric, weighting, value, stderr, bootstrap_stderr, n, samples, note
                          from metric
                         where run_id = ?
                         order by scope desc, name, %s, weighting""".formatted(MetricOrder.of("metric")))
                .param(runId)
                .query((rs, i) -> new MetricRow(rs.getString("run_id"), rs.getString("scope"), rs.getString("name"),
                        rs.getString("metric"), rs.getString("weighting"), (Double) rs.getObject("value"),
                        (Double) rs.getObject("stderr"), (Double) rs.getObject("bootstrap_stderr"),
                        rs.getLong("n"), (Long) rs.getObject("samples"), rs.getString("note")))
                .list();
    }

    /** Each task of a run, by name. */
    public List<TaskFacts> tasks(String runId) {
        return jdbc.sql("""
                        select task, coalesce(min(filter_key), 'none') as filter_key, count(*) as documents,
                               sum(samples) as samples, max(samples) as repeats
                          from (select task, doc_id, min(filter_key) as filter_key, count(*) as samples
                                  from sample where run_id = ? group by task, doc_id) d
                         group by task order by task""")
                .param(runId)
                .query((rs, i) -> new TaskFacts(rs.getString("task"), rs.getString("filter_key"),
                        rs.getLong("documents"), rs.getLong("samples"), rs.getInt("repeats")))
                .list();
    }
}
