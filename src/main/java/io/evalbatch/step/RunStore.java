package io.evalbatch.step;

import java.util.List;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code eval_run} table: creating, finding and deleting runs, their stored definitions and
 * failures, and the counts the steps go by. What reports read of runs is {@code RunViews}.
 */
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

    /** Records why the run's execution ended without completing, or clears it (null) once it completed. */
    public void recordFailure(String runId, @Nullable String failure) {
        jdbc.sql("update eval_run set failure = ? where run_id = ?").param(failure).param(runId).update();
    }

    /** Deletes a run; a trigger on eval_run deletes its samples, results and metrics with it. */
    public void delete(String runId) {
        jdbc.sql("delete from eval_run where run_id = ?").param(runId).update();
    }
}
