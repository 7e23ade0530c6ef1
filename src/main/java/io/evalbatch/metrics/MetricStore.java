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

    /** Ordered by scope, name, then pass@k by k, then the other metrics by name. */
    public List<MetricRow> metrics(String runId) {
        return jdbc.sql("""
                        select run_id, scope, name, metric, value, stderr, n, note
                          from metric
                         where run_id = ?
                         order by scope desc, name,
                                  case when metric ~ '^pass@[0-9]+$' then 0 else 1 end,
                                  case when metric ~ '^pass@[0-9]+$' then substr(metric, 6)::int end,
                                  metric""")
                .param(runId)
                .query((rs, i) -> new MetricRow(rs.getString("run_id"), rs.getString("scope"), rs.getString("name"),
                        rs.getString("metric"), (Double) rs.getObject("value"), (Double) rs.getObject("stderr"),
                        rs.getLong("n"), rs.getString("note")))
                .list();
    }
}
