package io.evalbatch.cache;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.step.RunDefinition;
import io.evalbatch.step.RunStore;
import io.evalbatch.telemetry.ScoringMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gives every sample of a run whose cache key matches a result computed by another run that
 * result, in one statement, so that simulate scores only the rest. Only computed results carry a
 * key (copies do not, nor do errors, which say the scorer failed, not what the response is
 * worth). Of several computed results the earliest is taken, so the choice does not depend on the
 * order the database returns rows in.
 */
public final class ResultReuse implements Tasklet {

    /**
     * Job execution context key: which samples already have a result when simulate starts, one
     * of {@link #NONE}, {@link #SOME}, {@link #ALL}. Simulate leaves those out.
     */
    public static final String REUSED = "reuse.extent";
    public static final String NONE = "none";
    public static final String SOME = "some";
    public static final String ALL = "all";

    private static final Logger log = LoggerFactory.getLogger(ResultReuse.class);

    private static final String REUSE = """
            insert into result (run_id, sample_id, task, doc_id, repeat_index, outcome, score, answer, detail,
                                duration_ms, cpu_ms, cpu_limit_ms, fields, reused_from)
            select s.run_id, s.sample_id, s.task, s.doc_id, s.repeat_index, c.outcome, c.score, c.answer, c.detail,
                   c.duration_ms, c.cpu_ms, c.cpu_limit_ms, c.fields, c.run_id
              from sample s
              cross join lateral (
                    select r.*
                      from result r
                     where r.cache_key = s.cache_key and r.run_id <> s.run_id
                     order by r.scored_at, r.run_id, r.sample_id
                     limit 1) c
             where s.run_id = ? and s.cache_key is not null
            on conflict (run_id, sample_id) do nothing""";

    private final JdbcClient jdbc;
    private final RunStore runs;
    private final RunDefinition run;
    private final FilterCatalog filters;
    private final ScoringMeters meters;

    /** @param run the job's run, a proxy of the job scope */
    ResultReuse(JdbcClient jdbc, RunStore runs, RunDefinition run, FilterCatalog filters, ScoringMeters meters) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.run = run;
        this.filters = filters;
        this.meters = meters;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String runId = run.runId();
        JobDefinition definition = run.definition();
        var jobContext = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        if (!definition.execution().cache() || !filters.cacheable(definition.filter())) {
            jobContext.putString(REUSED, NONE);
            return RepeatStatus.FINISHED;
        }
        // Right after a bulk ingest the statistics describe almost empty tables, and the planner
        // chose to scan all results once per sample: 29 s instead of 0.14 s for 6,560 samples
        // against 13,000 stored results. This statement is a lookup by key per sample, whatever
        // the statistics say; for this transaction only.
        jdbc.sql("set local enable_seqscan = off").update();
        jdbc.sql("set local enable_hashjoin = off").update();
        jdbc.sql("set local enable_mergejoin = off").update();
        int reused = jdbc.sql(REUSE).param(runId).update();
        String extent = reused == 0 ? NONE : reused < runs.sampleCount(runId) ? SOME : ALL;
        if (extent.equals(SOME)) {
            // Simulate now leaves out the samples that have a result; fresh statistics keep that a
            // lookup per sample too.
            jdbc.sql("analyze sample").update();
            jdbc.sql("analyze result").update();
        }
        contribution.incrementWriteCount(reused);
        meters.reused(reused);
        jobContext.putString(REUSED, extent);
        if (reused > 0) {
            log.info("run {}: {} results reused from earlier runs", runId, reused);
        }
        return RepeatStatus.FINISHED;
    }
}
