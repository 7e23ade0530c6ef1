package io.evalbatch.support;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Reads what a run stored, for comparing runs in tests. */
public record RunQueries(JdbcClient jdbc) {

    /** On the tests' PostgreSQL, through a connection of the test's own. */
    public static RunQueries onTestDatabase() {
        TestDatabase.Connection db = TestDatabase.get();
        return new RunQueries(JdbcClient.create(
                new DriverManagerDataSource(db.url(), db.user(), db.password() == null ? "" : db.password())));
    }

    public record ResultRow(long sampleId, String outcome, double score, String detail) {
    }

    public record TaskMetric(String task, String metric, String weighting, Double value, Double stderr,
                             Double bootstrapStderr, long n, String note) {
    }

    public List<ResultRow> results(String runId) {
        return jdbc.sql("select sample_id, outcome, score, detail from result where run_id = ? order by sample_id")
                .param(runId).query(ResultRow.class).list();
    }

    public List<TaskMetric> metrics(String runId) {
        return jdbc.sql("""
                        select name as task, metric, weighting, value, stderr, bootstrap_stderr, n, note
                          from metric where run_id = ? order by scope, name, metric, weighting""")
                .param(runId).query(TaskMetric.class).list();
    }

    public long distinctResults(String runId) {
        return jdbc.sql("select count(distinct sample_id) from result where run_id = ?").param(runId)
                .query(Long.class).single();
    }

    /** The status {@code evalbatch runs} lists for the run (its latest execution's). */
    public String status(String runId) {
        return jdbc.sql("select status from run_overview where run_id = ?").param(runId).query(String.class).single();
    }

    public long samples(String runId) {
        return jdbc.sql("select count(*) from sample where run_id = ?").param(runId).query(Long.class).single();
    }
}
