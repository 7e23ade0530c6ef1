package io.evalbatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import io.evalbatch.support.DatabaseTest;
import io.evalbatch.tally.Tallies;
import io.evalbatch.tally.TallyTasklet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The samples grid page by page over a run written by hand, against orders and matches worked out
 * from the rows in the test: slowest first across the end of the tally's list, and searches that
 * examine a window of samples per request yet, followed to the end, find every match once.
 */
@DatabaseTest
class SampleGridTest {

    private static final int SAMPLES = 20;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Tallies tallies;

    /** Durations repeat (id % 7 * 10 ms), so that equal times are ordered by sample id. */
    private static long duration(int id) {
        return id % 7 * 10L;
    }

    private static boolean needle(int id) {
        return id == 2 || id == 11 || id == 19;
    }

    /** Samples 1..20; the last two have no result when {@code unscored}. */
    private String aRun(boolean unscored) {
        String runId = "views-" + System.nanoTime();
        jdbc.sql("insert into eval_run (run_id, job_name, definition, inputs) values (?, 'views', '{}', '')")
                .param(runId).update();
        for (int id = 1; id <= SAMPLES; id++) {
            jdbc.sql("""
                    insert into sample (run_id, sample_id, task, doc_id, repeat_index, source_file, source_line,
                                        prompt, response, test)
                    values (?, ?, 't', ?, 0, 'f', ?, '', ?, '')""")
                    .params(runId, id, "d" + id, id, needle(id) ? "a Needle here" : "hay").update();
            if (!unscored || id <= SAMPLES - 2) {
                jdbc.sql("""
                        insert into result (run_id, sample_id, task, doc_id, repeat_index, outcome, score, duration_ms)
                        values (?, ?, 't', ?, 0, ?, 0, ?)""")
                        .params(runId, id, "d" + id, id % 3 == 0 ? "passed" : "failed", duration(id)).update();
            }
        }
        return runId;
    }

    private static List<Long> all(SampleGrid grid, String runId, SampleFilter first, List<SamplePage> pages) {
        List<Long> ids = new ArrayList<>();
        SampleFilter filter = first;
        for (int i = 0; i < 50; i++) {
            SamplePage page = grid.page(runId, filter);
            pages.add(page);
            page.samples().forEach(s -> ids.add(s.sampleId()));
            if (page.nextAfterId() == null) {
                return ids;
            }
            filter = new SampleFilter(filter.task(), filter.outcome(), filter.text(), filter.minMs(), filter.maxMs(),
                    filter.reused(), filter.sort(), page.nextAfterId(), page.nextAfterMs(), filter.limit());
        }
        throw new AssertionError("more than 50 pages");
    }

    private static SampleFilter sorted(String sort, String outcome, String text, int limit) {
        return new SampleFilter(null, outcome, text, null, null, null, sort, null, null, limit);
    }

    @Test
    void slowestFirstGoesOnPastTheTallysListInTheSameOrder() {
        List<Long> expected = IntStream.rangeClosed(1, SAMPLES).boxed()
                .sorted(Comparator.comparingLong((Integer id) -> duration(id)).thenComparingInt(id -> id).reversed())
                .map(Long::valueOf).toList();
        SampleGrid grid = new SampleGrid(jdbc, tallies, new ServeSettings(100_000, null));
        String live = aRun(false);
        String tallied = aRun(false);
        new TallyTasklet(jdbc, 5).tally(tallied);

        List<SamplePage> pages = new ArrayList<>();
        assertThat(all(grid, live, sorted("slowest", null, null, 3), pages)).containsExactlyElementsOf(expected);
        assertThat(all(grid, tallied, sorted("slowest", null, null, 3), pages)).containsExactlyElementsOf(expected);
        assertThat(all(grid, tallied, sorted("slowest", "failed", null, 4), pages))
                .containsExactlyElementsOf(expected.stream().filter(id -> id % 3 != 0).toList());
        // the needles take 20, 40 and 50 ms: 19 is among the tally's five slowest, 11 and 2 are not
        assertThat(all(grid, tallied, sorted("slowest", null, "needle", 1), pages)).containsExactly(19L, 11L, 2L);
    }

    @Test
    void aSearchExaminesOneWindowPerRequestAndFindsEveryMatchOnce() {
        SampleGrid grid = new SampleGrid(jdbc, tallies, new ServeSettings(4, null));
        String runId = aRun(false);
        List<SamplePage> pages = new ArrayList<>();

        assertThat(all(grid, runId, sorted("id", null, "needle", 2), pages)).containsExactly(2L, 11L, 19L);
        // windows (0,4], (4,8], (8,12], (12,16], (16,20]: the last one ends at the run's last sample
        assertThat(pages).extracting(SamplePage::searchedThrough).containsExactly(4L, 8L, 12L, 16L, null);
        assertThat(pages).extracting(p -> p.samples().size()).containsExactly(1, 0, 1, 0, 1);
    }

    @Test
    void aFullPageInsideTheWindowPagesOnFromItsLastSample() {
        SampleGrid grid = new SampleGrid(jdbc, tallies, new ServeSettings(10, null));
        String runId = aRun(false);
        List<SamplePage> pages = new ArrayList<>();

        List<Long> passed = all(grid, runId, sorted("id", "passed", null, 2), pages);

        assertThat(passed).containsExactly(3L, 6L, 9L, 12L, 15L, 18L);
        assertThat(pages.get(0).searchedThrough()).isNull();
        assertThat(pages.get(0).nextAfterId()).isEqualTo(6L);
    }

    @Test
    void unscoredSamplesAreFoundLiveAndACompleteTallySaysThereAreNone() {
        SampleGrid grid = new SampleGrid(jdbc, tallies, new ServeSettings(7, null));
        String partial = aRun(true);
        List<SamplePage> pages = new ArrayList<>();
        assertThat(all(grid, partial, sorted("id", "unscored", null, 50), pages)).containsExactly(19L, 20L);

        String complete = aRun(false);
        new TallyTasklet(jdbc, 5).tally(complete);
        SamplePage none = grid.page(complete, sorted("id", "unscored", null, 50));
        assertThat(none.samples()).isEmpty();
        assertThat(none.searchedThrough()).isNull();
        assertThat(none.nextAfterId()).isNull();
    }
}
