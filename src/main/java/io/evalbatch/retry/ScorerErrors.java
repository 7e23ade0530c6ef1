package io.evalbatch.retry;

import java.util.List;

import io.evalbatch.step.RunStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A run's samples without an answer's outcome: those the scorer failed on, and those not scored at all. */
@Component
public class ScorerErrors {

    /** Reasons are told apart by their first line, the part of a detail that names the cause. */
    private static final int REASON_LENGTH = 200;

    private final JdbcClient jdbc;
    private final RunStore runs;

    public ScorerErrors(JdbcClient jdbc, RunStore runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    /** How many samples of a kind of error, with that kind's reason. */
    public record Kind(String reason, long samples) {
    }

    public long count(String runId) {
        return jdbc.sql("select count(*) from result where run_id = ? and outcome = 'error'").param(runId)
                .query(Long.class).single();
    }

    /** The kinds of error of the run, the most frequent first. */
    public List<Kind> kinds(String runId) {
        return jdbc.sql("""
                        select left(split_part(coalesce(detail, ''), E'\\n', 1), ?) as reason, count(*) as samples
                          from result
                         where run_id = ? and outcome = 'error'
                         group by 1
                         order by 2 desc, 1""")
                .params(REASON_LENGTH, runId)
                .query((rs, row) -> new Kind(rs.getString(1).isBlank() ? "(no reason given)" : rs.getString(1),
                        rs.getLong(2)))
                .list();
    }

    /** Samples of the run that have no result at all: a rescoring was cut short. */
    public long unscored(String runId) {
        return runs.sampleCount(runId) - runs.resultCount(runId);
    }

    /**
     * Moves the run's error results into {@code result_attempt}, each as the sample's next attempt,
     * so that the samples are scored again and the failed attempts stay queryable.
     *
     * @return the samples moved
     */
    public int moveToAttempts(String runId) {
        jdbc.sql("""
                        insert into result_attempt (run_id, sample_id, attempt, task, doc_id, outcome, detail,
                                                    duration_ms, scored_at)
                        select r.run_id, r.sample_id,
                               coalesce((select max(a.attempt) from result_attempt a
                                          where a.run_id = r.run_id and a.sample_id = r.sample_id), 0) + 1,
                               r.task, r.doc_id, r.outcome, r.detail, r.duration_ms, r.scored_at
                          from result r
                         where r.run_id = ? and r.outcome = 'error'""")
                .param(runId).update();
        return jdbc.sql("delete from result where run_id = ? and outcome = 'error'").param(runId).update();
    }
}
