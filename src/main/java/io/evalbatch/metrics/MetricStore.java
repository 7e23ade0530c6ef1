package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the aggregated metrics of a run. */
@Repository
public class MetricStore {

    private final JdbcClient jdbc;
    private final MetricCatalog catalog;

    public MetricStore(JdbcClient jdbc, MetricCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /**
     * Tasks, then groups, by name; within them the metrics in the catalog's order (pass@k by k,
     * the other metrics by name, maj@k by k);
     * the size-weighted row of a group before the equally weighted one.
     */
    public List<MetricRow> metrics(String runId) {
        return jdbc.sql("""
                        select run_id, scope, name, metric, weighting, value, stderr, bootstrap_stderr, n, samples, note,
                               errors
                          from metric
                         where run_id = ?
                         order by scope desc, name, %s, weighting""".formatted(catalog.orderBy("metric")))
                .param(runId)
                .query((rs, i) -> new MetricRow(rs.getString("run_id"), rs.getString("scope"), rs.getString("name"),
                        rs.getString("metric"), rs.getString("weighting"), (Double) rs.getObject("value"),
                        (Double) rs.getObject("stderr"), (Double) rs.getObject("bootstrap_stderr"),
                        rs.getLong("n"), (Long) rs.getObject("samples"), rs.getString("note"), rs.getLong("errors")))
                .list();
    }

    /** One value of a task metric in a job's history. */
    public record TrendPoint(String runId, java.time.Instant createdAt, String status, String task, Double value,
                             Double stderr, long documents, String file) {
    }

    /** A run's first metric of one task, in the catalog's order: what the run is about. */
    public record Headline(String task, String metric, double value, Double stderr) {
    }

    /** Per run listed, each task's first metric (pass@1 before pass@10, before means), tasks by name. */
    public Map<String, List<Headline>> headlines(java.util.Collection<String> runIds) {
        Map<String, List<Headline>> headlines = new java.util.HashMap<>();
        if (runIds.isEmpty()) {
            return headlines;
        }
        jdbc.sql("""
                        select distinct on (run_id, name) run_id, name, metric, value, stderr
                          from metric
                         where run_id in (:runs) and scope = 'task' and value is not null
                         order by run_id, name, %s""".formatted(catalog.orderBy("metric")))
                .param("runs", runIds)
                .query(rs -> {
                    headlines.computeIfAbsent(rs.getString("run_id"), r -> new ArrayList<>()).add(new Headline(
                            rs.getString("name"), rs.getString("metric"), rs.getDouble("value"),
                            (Double) rs.getObject("stderr")));
                });
        return headlines;
    }

    /** A task metric over every run of a job, oldest first, with the input file of scheduled runs. */
    public List<TrendPoint> trend(String job, String metric) {
        return jdbc.sql("""
                        select m.run_id, m.created_at, o.status, m.name, m.value, m.stderr, m.documents, i.file
                          from run_metric m
                          join run_overview o on o.run_id = m.run_id
                          left join scheduled_input i on i.run_id = m.run_id
                         where m.job_name = ? and m.scope = 'task' and m.metric = ?
                         order by m.created_at, m.run_id, m.name""")
                .params(job, metric)
                .query((rs, i) -> new TrendPoint(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), (Double) rs.getObject(5), (Double) rs.getObject(6), rs.getLong(7),
                        rs.getString(8)))
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
