package io.evalbatch.tally;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A run's counts: read from its tally once it has one, else counted live by the same query the
 * tally step stores (a run still running, failed, or finished before tallies existed).
 */
@Repository
public class Tallies {

    /**
     * Both clocks of every result, from one grouping by both: a single scan that PostgreSQL runs
     * in parallel (grouping sets are not, and took twice as long at 1,000,000 results). Filters
     * that measure CPU time are the slow ones, whose few distinct pairs of times cost nothing here.
     * CPU time is null where the filter does not measure it, and such rows say nothing about CPU.
     */
    static final String TIME_COUNTS = """
            with fine as materialized (
                select task, outcome, duration_ms, cpu_ms, count(*) as n,
                       count(*) filter (where reused_from is not null) as reused
                  from result where run_id = :run group by task, outcome, duration_ms, cpu_ms)
            select 'wall' as clock, task, outcome, duration_ms as ms, sum(n) as samples, sum(reused) as reused
              from fine group by task, outcome, duration_ms
            union all
            select 'cpu', task, outcome, cpu_ms, sum(n), 0 from fine where cpu_ms is not null
             group by task, outcome, cpu_ms""";

    /** A task's samples without a result, given its time counts of the wall clock (in {@code wall}). */
    static final String UNSCORED = """
            select 'none' as clock, s.task, 'unscored' as outcome, null::bigint as ms,
                   s.samples - coalesce(r.samples, 0) as samples, 0 as reused
              from (select task, count(*) as samples from sample where run_id = :run group by task) s
              left join (select task, sum(samples) as samples from wall group by task) r on r.task = s.task
             where s.samples > coalesce(r.samples, 0)""";

    private final JdbcClient jdbc;

    public Tallies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Tally> of(String runId) {
        return jdbc.sql("select samples, results, slowest_kept from run_tally where run_id = ?").param(runId)
                .query((rs, i) -> new Tally(rs.getLong("samples"), rs.getLong("results"), rs.getLong("slowest_kept")))
                .optional();
    }

    /** Results the run took over from earlier runs instead of computing them. */
    public long reused(String runId) {
        String sql = of(runId).isPresent()
                ? "select coalesce(sum(reused), 0) from tally_duration where run_id = ? and clock = 'wall'"
                : "select count(*) from result where run_id = ? and reused_from is not null";
        return jdbc.sql(sql).param(runId).query(Long.class).single();
    }

    /** Every time count of the run, with its unscored samples per task. */
    public List<TimeCount> timeCounts(String runId) {
        String sql = of(runId).isPresent()
                ? "select clock, task, outcome, ms, samples, reused from tally_duration where run_id = :run"
                : "with counts as (" + TIME_COUNTS + "), wall as (select * from counts where clock = 'wall') "
                        + "select clock, task, outcome, ms, samples::bigint, reused::bigint from counts union all "
                        + UNSCORED;
        return jdbc.sql(sql).param("run", runId).query(TimeCount.class).list();
    }
}
