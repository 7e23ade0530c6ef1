package io.evalbatch.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.evalbatch.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tally of a run of two tasks whose results are written by hand, with the counts expected
 * worked out by hand from the rows: live and stored counts alike, unscored samples, CPU time only
 * where measured, reuse, and the slowest list cut at its size.
 */
@DatabaseTest
class TallyTaskletTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Tallies tallies;

    /** sample id, task, outcome, wall ms, cpu ms (null: not measured), reused */
    private static final Object[][] RESULTS = {
            {1, "a", "passed", 5, 4, true},
            {2, "a", "passed", 5, null, false},
            {3, "a", "failed", 12, 10, false},
            {4, "a", "timed_out", 1000, 990, false},
            {5, "a", "passed", 0, null, false},
            {6, "a", "error", 12, null, false},
            {7, "b", "passed", 3, null, false},
            {8, "b", "failed", 3, null, true},
            {9, "b", "passed", 1000, null, false},
            // sample 10, of task b, has no result
    };

    private static final List<TimeCount> EXPECTED = List.of(
            new TimeCount("cpu", "a", "failed", 10L, 1, 0),
            new TimeCount("cpu", "a", "passed", 4L, 1, 0),
            new TimeCount("cpu", "a", "timed_out", 990L, 1, 0),
            new TimeCount("none", "b", "unscored", null, 1, 0),
            new TimeCount("wall", "a", "error", 12L, 1, 0),
            new TimeCount("wall", "a", "failed", 12L, 1, 0),
            new TimeCount("wall", "a", "passed", 0L, 1, 0),
            new TimeCount("wall", "a", "passed", 5L, 2, 1),
            new TimeCount("wall", "a", "timed_out", 1000L, 1, 0),
            new TimeCount("wall", "b", "failed", 3L, 1, 1),
            new TimeCount("wall", "b", "passed", 3L, 1, 0),
            new TimeCount("wall", "b", "passed", 1000L, 1, 0));

    private String aRun() {
        String runId = "tally-" + System.nanoTime();
        jdbc.sql("insert into eval_run (run_id, job_name, definition, inputs) values (?, 'tally', '{}', '')")
                .param(runId).update();
        for (int id = 1; id <= 10; id++) {
            jdbc.sql("""
                    insert into sample (run_id, sample_id, task, doc_id, repeat_index, source_file, source_line,
                                        prompt, response, test)
                    values (?, ?, ?, ?, 0, 'f', ?, '', '', '')""")
                    .params(runId, id, id <= 6 ? "a" : "b", "d" + id, id).update();
        }
        for (Object[] r : RESULTS) {
            jdbc.sql("""
                    insert into result (run_id, sample_id, task, doc_id, repeat_index, outcome, score, duration_ms,
                                        cpu_ms, reused_from)
                    values (?, ?, ?, ?, 0, ?, 0, ?, ?, ?)""")
                    .params(runId, r[0], r[1], "d" + r[0], r[2], r[3], r[4], (Boolean) r[5] ? "earlier" : null).update();
        }
        return runId;
    }

    private static List<TimeCount> sorted(List<TimeCount> counts) {
        return counts.stream().sorted(java.util.Comparator.comparing(TimeCount::clock).thenComparing(TimeCount::task)
                .thenComparing(TimeCount::outcome).thenComparing(c -> c.ms() == null ? -1 : c.ms())).toList();
    }

    @Test
    void aRunWithoutATallyIsCountedLiveAsItsTallyStoresIt() {
        String runId = aRun();
        assertThat(tallies.of(runId)).isEmpty();
        assertThat(sorted(tallies.timeCounts(runId))).containsExactlyElementsOf(EXPECTED);
        // samples 1 and 8 were reused
        assertThat(tallies.reused(runId)).isEqualTo(2);

        new TallyTasklet(jdbc, 3).tally(runId);

        assertThat(tallies.of(runId)).contains(new Tally(10, 9, 3));
        assertThat(sorted(tallies.timeCounts(runId))).containsExactlyElementsOf(EXPECTED);
        // a reused result deleted behind the tally's back: the count comes from the tally
        jdbc.sql("delete from result where run_id = ? and sample_id = 8").param(runId).update();
        assertThat(tallies.reused(runId)).isEqualTo(2);
    }

    @Test
    void theSlowestAreKeptLongestFirstTheLaterSampleFirstAmongEqualTimes() {
        String runId = aRun();
        new TallyTasklet(jdbc, 3).tally(runId);
        assertThat(slowest(runId)).containsExactly(9L, 4L, 6L);

        // above, the cut fell inside the tie of 6 and 3 at 12 ms; here at its end, then inside
        // the tie of 2 and 1 at 5 ms, where the later sample is kept
        String tie = aRun();
        new TallyTasklet(jdbc, 4).tally(tie);
        assertThat(slowest(tie)).containsExactly(9L, 4L, 6L, 3L);
        String cut = aRun();
        new TallyTasklet(jdbc, 5).tally(cut);
        assertThat(slowest(cut)).containsExactly(9L, 4L, 6L, 3L, 2L);

        String all = aRun();
        new TallyTasklet(jdbc, 100).tally(all);
        assertThat(slowest(all)).containsExactly(9L, 4L, 6L, 3L, 2L, 1L, 8L, 7L, 5L);
        assertThat(tallies.of(all).orElseThrow().slowestComplete()).isTrue();
        assertThat(tallies.of(runId).orElseThrow().slowestComplete()).isFalse();
    }

    @Test
    void talliedAgainItHoldsTheSameRowsOnce() {
        String runId = aRun();
        new TallyTasklet(jdbc, 3).tally(runId);
        new TallyTasklet(jdbc, 3).tally(runId);

        assertThat(sorted(tallies.timeCounts(runId))).containsExactlyElementsOf(EXPECTED);
        assertThat(slowest(runId)).containsExactly(9L, 4L, 6L);
        assertThat(jdbc.sql("select count(*) from run_tally where run_id = ?").param(runId).query(Long.class).single())
                .isOne();
    }

    @Test
    void theRunsListTakesACompletedRunsCountsFromItsTally() {
        String runId = aRun();
        new TallyTasklet(jdbc, 3).tally(runId);
        // a result deleted behind the tally's back shows which count the view reads
        jdbc.sql("delete from result where run_id = ? and sample_id = 1").param(runId).update();

        assertThat(jdbc.sql("select results, samples from run_overview where run_id = ?").param(runId)
                .query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2))).single()).containsExactly(9L, 10L);
    }

    private List<Long> slowest(String runId) {
        return jdbc.sql("select sample_id from tally_slowest where run_id = ? order by duration_ms desc, sample_id desc")
                .param(runId).query(Long.class).list();
    }
}
