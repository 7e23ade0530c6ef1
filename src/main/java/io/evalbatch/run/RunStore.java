package io.evalbatch.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code eval_run} table and the {@code run_overview} view. */
@Repository
public class RunStore {

    private final JdbcClient jdbc;
    private final JobDefinitions definitions = new JobDefinitions();

    public RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void create(String runId, JobDefinition definition) {
        jdbc.sql("""
                insert into eval_run (run_id, job_name, job_file, definition, inputs)
                values (:runId, :job, :file, :definition, :inputs)""")
                .param("runId", runId)
                .param("job", definition.name())
                .param("file", definition.source())
                .param("definition", definitions.toJson(definition))
                .param("inputs", String.join(", ", definition.input().files().stream().map(Object::toString).toList()))
                .update();
    }

    /** Samples without a result lose their cache key: what they will be scored with is not what the key says. */
    public void forgetCacheKeysOfUnscored(String runId) {
        jdbc.sql("""
                        update sample s set cache_key = null
                         where s.run_id = ? and s.cache_key is not null
                           and not exists (select 1 from result r where r.run_id = s.run_id and r.sample_id = s.sample_id)""")
                .param(runId).update();
    }

    /** Replaces the stored definition, as {@code evalbatch metrics --job} does with its metrics. */
    public void updateDefinition(String runId, JobDefinition definition) {
        jdbc.sql("update eval_run set definition = ? where run_id = ?")
                .params(definitions.toJson(definition), runId)
                .update();
    }

    /** The newest completed run with this label, for commands that take a label in place of a run id. */
    public Optional<String> latestCompletedWithLabel(String label) {
        return jdbc.sql("""
                        select run_id from run_overview where label = ? and status = 'COMPLETED'
                         order by created_at desc, run_id desc limit 1""")
                .param(label).query(String.class).optional();
    }

    public boolean exists(String runId) {
        return jdbc.sql("select count(*) from eval_run where run_id = ?").param(runId).query(Long.class).single() > 0;
    }

    /** The job definition a run was created with. */
    public JobDefinition definition(String runId) {
        String json = jdbc.sql("select definition from eval_run where run_id = ?").param(runId)
                .query(String.class).optional()
                .orElseThrow(() -> new UnknownRunException(runId));
        return definitions.fromJson(json, "run " + runId);
    }

    public Optional<RunOverview> overview(String runId) {
        return jdbc.sql("select * from run_overview where run_id = ?").param(runId).query(RunStore::overview).optional();
    }

    public List<RunOverview> overviews() {
        return jdbc.sql("select * from run_overview order by created_at, run_id").query(RunStore::overview).list();
    }

    /** The runs of one job, its history: counted in the database for that job's runs only. */
    public List<RunOverview> overviews(String job) {
        return jdbc.sql("select * from run_overview where job_name = ? order by created_at, run_id").param(job)
                .query(RunStore::overview).list();
    }

    public long sampleCount(String runId) {
        return jdbc.sql("select count(*) from sample where run_id = ?").param(runId).query(Long.class).single();
    }

    public long resultCount(String runId) {
        return jdbc.sql("select count(*) from result where run_id = ?").param(runId).query(Long.class).single();
    }

    /** Results of a run and how many of them passed, counted together: {@code [results, passed]}. */
    public long[] resultAndPassedCounts(String runId) {
        return jdbc.sql("select count(*), count(*) filter (where outcome = 'passed') from result where run_id = ?")
                .param(runId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    /** The tasks of a run where answers were extracted and every one of them is {@code invalid}. */
    public List<String> tasksWithOnlyInvalidAnswers(String runId, String invalid) {
        return jdbc.sql("""
                        select task from result where run_id = ? and answer is not null
                         group by task having bool_and(answer = ?) order by task""")
                .params(runId, invalid).query(String.class).list();
    }

    /**
     * Seconds spent in each step of the run's evaluation, over all its executions, in job order
     * (the ranges of the simulate step are counted in simulate).
     */
    public Map<String, Double> stepSeconds(String runId) {
        return stepSeconds(runId, EvaluationJobFactory.JOB_NAME);
    }

    /** Seconds spent in the steps of {@code evalbatch metrics} on the run, over all its recomputations. */
    public Map<String, Double> recomputationSeconds(String runId) {
        return stepSeconds(runId, MetricsRecomputation.JOB_NAME);
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

    /** Records why the run's execution ended without completing, or clears it (null) once it completed. */
    public void recordFailure(String runId, String failure) {
        jdbc.sql("update eval_run set failure = ? where run_id = ?").params(failure, runId).update();
    }

    /** Deletes a run; a trigger on eval_run deletes its samples, results and metrics with it. */
    public void delete(String runId) {
        jdbc.sql("delete from eval_run where run_id = ?").param(runId).update();
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
                rs.getLong("invalid_lines"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")), rs.getString("label"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
