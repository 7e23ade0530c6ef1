package io.evalbatch.tally;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts a run's results once it is scored, in the database: two scans of its results (every
 * duration with its task and outcome, then the slowest) and one of its samples. Replaces an
 * earlier tally of the run, so that a repeated step leaves the same rows.
 */
public final class TallyTasklet implements Tasklet {

    /**
     * Slowest results kept: the first 200 pages of 50 of a slowest-first grid; later pages are
     * read from the results themselves.
     */
    static final int SLOWEST_KEPT = 10_000;

    private final JdbcClient jdbc;
    private final int slowestKept;

    public TallyTasklet(JdbcClient jdbc, int slowestKept) {
        this.jdbc = jdbc;
        this.slowestKept = slowestKept;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        tally((String) chunkContext.getStepContext().getJobParameters().get("run.id"));
        return RepeatStatus.FINISHED;
    }

    public void tally(String runId) {
        for (String table : new String[] {"run_tally", "tally_duration", "tally_slowest"}) {
            jdbc.sql("delete from " + table + " where run_id = ?").param(runId).update();
        }
        String columns = "insert into tally_duration (run_id, clock, task, outcome, ms, samples, reused) ";
        jdbc.sql(columns + "select :run, * from (" + Tallies.TIME_COUNTS + ") counts").param("run", runId).update();
        jdbc.sql(columns + "with wall as (select * from tally_duration where run_id = :run and clock = 'wall') select :run, * from ("
                        + Tallies.UNSCORED + ") unscored")
                .param("run", runId).update();
        int kept = jdbc.sql("""
                        insert into tally_slowest (run_id, duration_ms, sample_id)
                        select run_id, duration_ms, sample_id from result where run_id = ?
                         order by duration_ms desc, sample_id desc limit ?""")
                .params(runId, slowestKept).update();
        jdbc.sql("""
                insert into run_tally (run_id, samples, results, slowest_kept)
                select :run, coalesce(sum(samples), 0), coalesce(sum(samples) filter (where clock = 'wall'), 0), :kept
                  from tally_duration where run_id = :run and clock <> 'cpu'""")
                .param("run", runId).param("kept", kept).update();
    }
}
