package io.evalbatch.cache;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.run.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gives every sample of a run whose cache key matches a sample of another run that has a result
 * that result, in one statement, so that simulate scores only the rest. Errors are never reused:
 * they say the scorer failed, not what the response is worth. Of several stored results the
 * earliest is taken, so the choice does not depend on the order the database returns rows in.
 */
public final class ResultReuse implements Tasklet {

    /** Job execution context key: how many results this step reused; simulate skips them. */
    public static final String REUSED = "reuse.count";

    private static final Logger log = LoggerFactory.getLogger(ResultReuse.class);

    private static final String REUSE = """
            insert into result (run_id, sample_id, task, doc_id, repeat_index, outcome, score, answer, detail,
                                duration_ms, fields, reused_from)
            select s.run_id, s.sample_id, s.task, s.doc_id, s.repeat_index, c.outcome, c.score, c.answer, c.detail,
                   c.duration_ms, c.fields, coalesce(c.reused_from, c.run_id)
              from sample s
              cross join lateral (
                    select r.*
                      from sample p
                      join result r on r.run_id = p.run_id and r.sample_id = p.sample_id
                     where p.cache_key = s.cache_key and p.run_id <> s.run_id and r.outcome <> 'error'
                     order by r.scored_at, r.run_id, r.sample_id
                     limit 1) c
             where s.run_id = ? and s.cache_key is not null
            on conflict (run_id, sample_id) do nothing""";

    private final JdbcClient jdbc;
    private final RunStore runs;
    private final FilterCatalog filters;

    ResultReuse(JdbcClient jdbc, RunStore runs, FilterCatalog filters) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.filters = filters;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String runId = (String) chunkContext.getStepContext().getJobParameters().get("run.id");
        JobDefinition definition = runs.definition(runId);
        var jobContext = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        if (!definition.execution().cache() || !filters.cacheable(definition.filter())) {
            jobContext.putLong(REUSED, 0);
            return RepeatStatus.FINISHED;
        }
        // Fresh statistics: right after a bulk ingest the planner would otherwise scan all results
        // once per sample (30 s instead of 0.5 s for 6,560 samples against 13,000 stored results).
        jdbc.sql("analyze sample").update();
        jdbc.sql("analyze result").update();
        int reused = jdbc.sql(REUSE).param(runId).update();
        contribution.incrementWriteCount(reused);
        jobContext.putLong(REUSED, reused);
        if (reused > 0) {
            log.info("run {}: {} results reused from earlier runs", runId, reused);
        }
        return RepeatStatus.FINISHED;
    }
}
