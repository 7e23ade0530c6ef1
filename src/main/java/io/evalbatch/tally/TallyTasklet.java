package io.evalbatch.tally;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts a run's results once it is scored, in the database: every duration with its task and
 * outcome, the slowest results, the samples per task. Replaces an
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
    private static final String KEEP = "insert into tally_slowest (run_id, duration_ms, sample_id) ";

    public TallyTasklet(JdbcClient jdbc, int slowestKept) {
        this.jdbc = jdbc;
        this.slowestKept = slowestKept;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        tally(java.util.Objects.requireNonNull((String) chunkContext.getStepContext().getJobParameters().get("run.id"),
                "a tally without a run id"));
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
        int kept = keepSlowest(runId);
        jdbc.sql("""
                insert into run_tally (run_id, samples, results, slowest_kept)
                select :run, coalesce(sum(samples), 0), coalesce(sum(samples) filter (where clock = 'wall'), 0), :kept
                  from tally_duration where run_id = :run and clock <> 'cpu'""")
                .param("run", runId).param("kept", kept).update();
    }

    /**
     * The longest results, the later sample first among equal times. Sorting a million results
     * for them takes 0.4 s; instead the time counts just stored give the shortest time T among
     * them, so that one scan takes every result longer than T and an index walk down the sample
     * ids the rest of those that took T.
     */
    private int keepSlowest(String runId) {
        var threshold = jdbc.sql("""
                        with wall as (select ms, sum(samples) as n from tally_duration
                                       where run_id = :run and clock = 'wall' group by ms),
                             counted as (select ms, n, sum(n) over (order by ms desc) as upto from wall)
                        select ms, upto - n as longer from counted where upto >= :kept order by ms desc limit 1""")
                .param("run", runId).param("kept", slowestKept)
                .query((rs, i) -> new long[] {rs.getLong("ms"), rs.getLong("longer")}).optional();
        if (threshold.isEmpty()) {
            return jdbc.sql(KEEP + "select run_id, duration_ms, sample_id from result where run_id = ?").param(runId).update();
        }
        long ms = threshold.get()[0];
        long longer = threshold.get()[1];
        return jdbc.sql(KEEP + "select run_id, duration_ms, sample_id from result where run_id = :run and duration_ms > :ms")
                .param("run", runId).param("ms", ms).update()
                + jdbc.sql(KEEP + """
                        select run_id, duration_ms, sample_id from result where run_id = :run and duration_ms = :ms
                         order by sample_id desc limit :rest""")
                .param("run", runId).param("ms", ms).param("rest", slowestKept - longer).update();
    }
}
