package io.evalbatch.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.evalbatch.ingest.InvalidInputLine;
import io.evalbatch.step.JobNames;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What reports, pages and commands read of runs: the {@code run_overview} view, the seconds of
 * each step, the samples with their outcomes and details, the invalid input lines.
 */
@Repository
public class RunListings {

    private final JdbcClient jdbc;

    public RunListings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest completed run with this label, for commands that take a label in place of a run id. */
    public Optional<String> latestCompletedWithLabel(String label) {
        return jdbc.sql("""
                        select run_id from run_overview where label = ? and status = 'COMPLETED'
                         order by created_at desc, run_id desc limit 1""")
                .param(label).query(String.class).optional();
    }

    public Optional<RunOverview> overview(String runId) {
        return jdbc.sql("select * from run_overview where run_id = ?").param(runId).query(RunListings::overview).optional();
    }

    public List<RunOverview> overviews() {
        return jdbc.sql("select * from run_overview order by created_at, run_id").query(RunListings::overview).list();
    }

    /** The names of the jobs with runs, sorted. */
    public List<String> jobs() {
        return jdbc.sql("select distinct job_name from eval_run order by job_name").query(String.class).list();
    }

    /** The runs of one job, its history: counted in the database for that job's runs only. */
    public List<RunOverview> overviews(String job) {
        return jdbc.sql("select * from run_overview where job_name = ? order by created_at, run_id").param(job)
                .query(RunListings::overview).list();
    }

    /**
     * Seconds spent in each step of the run's evaluation, over all its executions, in job order
     * (the ranges of the simulate step are counted in simulate).
     */
    public Map<String, Double> stepSeconds(String runId) {
        return stepSeconds(runId, JobNames.EVALUATION);
    }

    /** Seconds spent in the steps of {@code evalbatch metrics} on the run, over all its recomputations. */
    public Map<String, Double> recomputationSeconds(String runId) {
        return stepSeconds(runId, JobNames.METRICS);
    }

    private Map<String, Double> stepSeconds(String runId, String jobName) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        jdbc.sql("""
                        select s.step_name, sum(extract(epoch from (s.end_time - s.start_time))) as seconds,
                               min(s.step_execution_id) as first
                          from batch_step_execution s
                          join batch_job_execution_params p on p.job_execution_id = s.job_execution_id
                          join batch_job_execution e on e.job_execution_id = s.job_execution_id
                          join batch_job_instance i on i.job_instance_id = e.job_instance_id
                         where p.parameter_name = 'run.id' and p.parameter_value = ? and i.job_name = ?
                           and s.step_name not like '%:%' and s.end_time is not null
                         group by s.step_name order by first""")
                .params(runId, jobName)
                .query(rs -> {
                    seconds.put(rs.getString("step_name"), rs.getDouble("seconds"));
                });
        return seconds;
    }

    /** The samples of a run with their outcomes, in sample order, as {@code selection} chooses them. */
    public List<SampleOutcome> sampleOutcomes(String runId, SampleSelection selection) {
        return jdbc.sql("""
                        select sample_id, task, doc_id, repeat_index, source_file, source_line, outcome, score,
                               answer, detail, duration_ms, cpu_ms, cpu_limit_ms, near_limit, fields::text as fields,
                               reused_from
                          from sample_result where run_id = :run"""
                        + (selection.nearLimit() ? " and near_limit" : "")
                        + (selection.task() == null ? "" : " and task = :task")
                        + (selection.outcome() == null ? "" : " and outcome = :outcome")
                        + " order by sample_id" + (selection.limit() == null ? "" : " limit :limit"))
                .param("run", runId).param("task", selection.task()).param("outcome", selection.outcome())
                .param("limit", selection.limit())
                .query(SampleOutcome.class).list();
    }

    /** Per task, in task order: how many of its outcomes are near the CPU limit ({@link NearLimitCount}). */
    public List<NearLimitCount> nearLimitCounts(String runId) {
        return jdbc.sql("""
                        select task, count(*) as results, count(*) filter (where near_limit) as near_limit,
                               min(cpu_limit_ms) as min_limit_millis, max(cpu_limit_ms) as max_limit_millis
                          from sample_result where run_id = ? and outcome is not null
                         group by task order by task""")
                .param(runId).query(NearLimitCount.class).list();
    }

    /** What {@link #sampleDetails} and {@link #sampleDetail} read: the sample as ingested, and its result. */
    private static final String SAMPLE_DETAIL = """
            select s.run_id, s.sample_id, s.task, s.doc_id, s.repeat_index, s.source_file, s.source_line,
                   s.prompt, s.response, s.test, s.entry_point, s.filter_key, s.doc,
                   v.outcome, v.score, v.answer, v.detail, v.duration_ms, v.cpu_ms, v.cpu_limit_ms,
                   v.near_limit, v.fields::text, v.reused_from
              from sample s join sample_result v on v.run_id = s.run_id and v.sample_id = s.sample_id
             where s.run_id = :run""";

    /** Every sample of a run with what was scored and how, in sample order, handed to {@code each} one by one. */
    public void sampleDetails(String runId, java.util.function.Consumer<SampleDetail> each) {
        jdbc.sql(SAMPLE_DETAIL + " order by s.sample_id").param("run", runId)
                .query(rs -> {
                    each.accept(sampleDetail(rs));
                });
    }

    /** One sample by id, or by task, document and repeat when {@code sampleId} is null. */
    public Optional<SampleDetail> sampleDetail(String runId, Long sampleId, String task, String docId, int repeat) {
        String where = sampleId != null ? " and s.sample_id = :id"
                : " and s.task = :task and s.doc_id = :doc and s.repeat_index = :repeat";
        return jdbc.sql(SAMPLE_DETAIL + where)
                .param("run", runId).param("id", sampleId).param("task", task).param("doc", docId)
                .param("repeat", repeat)
                .query((rs, i) -> sampleDetail(rs))
                .optional();
    }

    private static SampleDetail sampleDetail(ResultSet rs) throws SQLException {
        return new SampleDetail(new io.evalbatch.filter.Sample(rs.getString(1), rs.getLong(2), rs.getString(3),
                rs.getString(4), rs.getInt(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)),
                rs.getString(14), (Double) rs.getObject(15), rs.getString(16), rs.getString(17),
                (Long) rs.getObject(18), (Long) rs.getObject(19), (Long) rs.getObject(20),
                (Boolean) rs.getObject(21), rs.getString(22), rs.getString(23));
    }

    /** The input lines ingest skipped as invalid, in file and line order. */
    public List<InvalidInputLine> invalidLines(String runId) {
        return jdbc.sql("select file, line, reason from invalid_line where run_id = ? order by file, line")
                .param(runId).query(InvalidInputLine.class).list();
    }

    private static RunOverview overview(ResultSet rs, int row) throws SQLException {
        return new RunOverview(rs.getString("run_id"), rs.getString("job_name"), rs.getString("inputs"),
                rs.getString("status"), rs.getString("failure"), rs.getLong("results"), rs.getLong("samples"),
                rs.getLong("invalid_lines"), rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")), rs.getString("label"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
