package io.evalbatch.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.evalbatch.tally.Tallies;
import io.evalbatch.tally.Tally;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pages of the samples grid, none of which scans a whole run. Sample order, a task, and the
 * outcomes other than passed are read by index, so a page costs about its own rows wherever it is
 * in the run. Slowest first reads the tally's list of slowest results while it lasts (filtered
 * like any page: the list is the start of the whole order), then sorts the run's results. Any
 * other filter (text, durations, reuse, passed, unscored) examines at most a window of samples
 * per request and says where it stopped. One row more than the page is read to know whether
 * another page follows.
 */
@Repository
class SampleGrid {

    private final JdbcClient jdbc;
    private final Tallies tallies;
    /** Samples a request whose filter no index serves examines at most, in sample order. */
    private final long window;

    SampleGrid(JdbcClient jdbc, Tallies tallies, ServeSettings settings) {
        this.jdbc = jdbc;
        this.tallies = tallies;
        this.window = settings.searchWindow();
    }

    SamplePage page(String runId, SampleFilter filter) {
        Optional<Tally> tally = tallies.of(runId);
        boolean unscored = "unscored".equals(filter.outcome());
        if (unscored && tally.isPresent() && !tally.get().unscoredLeft()) {
            return SamplePage.last(List.of());
        }
        if (filter.sort().equals("slowest")) {
            if (tally.isPresent() && !unscored) {
                Optional<SamplePage> page = slowestFromTally(runId, filter, tally.get());
                if (page.isPresent()) {
                    return page.get();
                }
            }
            return slowest(runId, filter);
        }
        if (!filter.needsScan()) {
            return page(rows(runId, filter, filter.afterId(), null), filter, false);
        }
        long[] range = jdbc.sql("select coalesce(min(sample_id), 0), coalesce(max(sample_id), 0) from sample where run_id = ?")
                .param(runId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        long after = filter.afterId() != null ? filter.afterId() : range[0] - 1;
        long windowEnd = after + window;
        List<SampleRow> rows = rows(runId, filter, after, windowEnd);
        if (rows.size() <= filter.limit() && windowEnd < range[1]) {
            return new SamplePage(rows, windowEnd, null, windowEnd);
        }
        return page(rows, filter, false);
    }

    /** In sample order after {@code afterId}, up to {@code windowEnd} when not null. */
    private List<SampleRow> rows(String runId, SampleFilter filter, Long afterId, Long windowEnd) {
        String where = conditions(filter, "s.task");
        String sql;
        if (filter.byResult()) {
            // the bounds on both sides, so that neither side of the join is read from the run's start
            sql = SampleRow.COLUMNS + " from result r join sample s on s.run_id = r.run_id and s.sample_id = r.sample_id"
                    + " where r.run_id = :run" + where
                    + (afterId != null ? " and r.sample_id > :afterId and s.sample_id > :afterId" : "")
                    + (windowEnd != null ? " and r.sample_id <= :windowEnd and s.sample_id <= :windowEnd" : "")
                    + " order by r.sample_id limit :limit";
        } else {
            sql = SampleRow.COLUMNS + " from sample s left join result r on r.run_id = s.run_id and r.sample_id = s.sample_id"
                    + (afterId != null ? " and r.sample_id > :afterId" : "") + " where s.run_id = :run" + where
                    + (afterId != null ? " and s.sample_id > :afterId" : "")
                    + (windowEnd != null ? " and s.sample_id <= :windowEnd" : "")
                    + " order by s.sample_id limit :limit";
        }
        return query(sql, runId, filter, afterId, windowEnd);
    }

    /** Longest first from all the run's results. */
    private SamplePage slowest(String runId, SampleFilter filter) {
        String order = " order by r.duration_ms desc, r.sample_id desc";
        String after = filter.afterId() != null && filter.afterMs() != null
                ? " and (r.duration_ms, r.sample_id) < (:afterMs, :afterId)" : "";
        String sql;
        if (filter.text() == null) {
            // Sorting the run's results alone, then joining the page's samples, is a third of the
            // cost of sorting them joined: results carry their task.
            sql = "with page as (select r.sample_id from result r where r.run_id = :run"
                    + conditions(filter, "r.task") + after + order + " limit :limit)"
                    + SampleRow.COLUMNS + " from page p join sample s on s.run_id = :run and s.sample_id = p.sample_id"
                    + " join result r on r.run_id = :run and r.sample_id = p.sample_id" + order;
        } else {
            sql = SampleRow.COLUMNS + " from result r join sample s on s.run_id = r.run_id and s.sample_id = r.sample_id"
                    + " where r.run_id = :run" + conditions(filter, "s.task") + after + order + " limit :limit";
        }
        return page(query(sql, runId, filter, filter.afterId(), null), filter, true);
    }

    /** The page from the tally's slowest results; empty when they run out before the page is full. */
    private Optional<SamplePage> slowestFromTally(String runId, SampleFilter filter, Tally tally) {
        String after = filter.afterId() != null && filter.afterMs() != null
                ? " and (t.duration_ms, t.sample_id) < (:afterMs, :afterId)" : "";
        List<SampleRow> rows = query(SampleRow.COLUMNS + """

                          from tally_slowest t
                          join sample s on s.run_id = t.run_id and s.sample_id = t.sample_id
                          join result r on r.run_id = t.run_id and r.sample_id = t.sample_id
                         where t.run_id = :run""" + conditions(filter, "s.task") + after + """

                         order by t.duration_ms desc, t.sample_id desc limit :limit""",
                runId, filter, filter.afterId(), null);
        if (rows.size() > filter.limit() || tally.slowestComplete()) {
            return Optional.of(page(rows, filter, true));
        }
        return Optional.empty();
    }

    /** The filter's conditions on {@code s} (sample) and {@code r} (result), each starting with "and". */
    private static String conditions(SampleFilter filter, String taskColumn) {
        StringBuilder where = new StringBuilder();
        if (filter.task() != null) {
            where.append(" and ").append(taskColumn).append(" = :task");
        }
        if (filter.text() != null) {
            where.append(" and (strpos(lower(s.response), :text) > 0 or strpos(lower(r.detail), :text) > 0)");
        }
        if ("unscored".equals(filter.outcome())) {
            where.append(" and r.outcome is null");
        } else if (filter.outcome() != null) {
            // A literal from the closed set of outcomes, not a parameter: the planner then sees
            // that the index of results that did not pass applies.
            where.append(" and r.outcome = '").append(filter.outcome()).append("'");
        }
        if (filter.minMs() != null) {
            where.append(" and r.duration_ms >= :minMs");
        }
        if (filter.maxMs() != null) {
            where.append(" and r.duration_ms <= :maxMs");
        }
        if (filter.reused() != null) {
            where.append(filter.reused() ? " and r.reused_from is not null" : " and r.reused_from is null");
        }
        return where.toString();
    }

    private List<SampleRow> query(String sql, String runId, SampleFilter filter, Long afterId, Long windowEnd) {
        return jdbc.sql(sql)
                .param("run", runId).param("task", filter.task())
                .param("text", filter.text() == null ? null : filter.text().toLowerCase(Locale.ROOT))
                .param("minMs", filter.minMs()).param("maxMs", filter.maxMs())
                .param("afterId", afterId).param("afterMs", filter.afterMs()).param("windowEnd", windowEnd)
                .param("start", RunViews.START).param("limit", filter.limit() + 1)
                .query((rs, i) -> SampleRow.of(rs))
                .list();
    }

    private static SamplePage page(List<SampleRow> rows, SampleFilter filter, boolean slowest) {
        if (rows.size() <= filter.limit()) {
            return SamplePage.last(rows);
        }
        List<SampleRow> page = rows.subList(0, filter.limit());
        SampleRow last = page.get(page.size() - 1);
        return new SamplePage(List.copyOf(page), last.sampleId(), slowest ? last.durationMs() : null, null);
    }
}
