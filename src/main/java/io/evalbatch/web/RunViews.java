package io.evalbatch.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.evalbatch.tally.Tallies;
import io.evalbatch.tally.Tally;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the pages show beyond the stores of the run, metrics and tally packages: a page of samples
 * or documents, a document's samples, the documents two runs score differently.
 */
@Repository
public class RunViews {

    /** How much of a response or detail a grid line carries. */
    static final int START = 160;
    /** How much of a response or detail a report carries per failed sample. */
    static final int REPORT_CHARS = 2_000;

    private final JdbcClient jdbc;
    private final Tallies tallies;
    /**
     * Samples a request whose filter no index serves examines at most, in sample order: a text
     * search or a duration range over a million samples answers within this window and says how
     * far it searched, instead of scanning the whole run.
     */
    private final long window;

    public RunViews(JdbcClient jdbc, Tallies tallies, ServeSettings settings) {
        this.jdbc = jdbc;
        this.tallies = tallies;
        this.window = settings.searchWindow();
    }

    /**
     * One page of the grid; one row more is read to know whether another page follows. Sample
     * order, a task, and the outcomes other than passed are read by index, so a page costs about
     * its own rows wherever it is in the run. Slowest first is read from the run's tally while
     * its list of slowest results lasts. Any other filter (text, durations, reuse, passed,
     * unscored) examines at most {@code evalbatch.serve.search-window} samples per request and says where it stopped.
     */
    public SamplePage samples(String runId, SampleFilter filter) {
        boolean slowest = filter.sort().equals("slowest");
        boolean unscored = "unscored".equals(filter.outcome());
        Optional<Tally> tally = tallies.of(runId);
        if (unscored && tally.isPresent() && !tally.get().unscoredLeft()) {
            return new SamplePage(List.of(), null, null, null);
        }
        if (slowest && filter.onlySorted() && tally.isPresent()) {
            Optional<SamplePage> page = slowestFromTally(runId, filter, tally.get());
            if (page.isPresent()) {
                return page.get();
            }
        }
        boolean windowed = !slowest && filter.needsScan();
        Long afterId = filter.afterId();
        Long windowEnd = null;
        long lastId = 0;
        if (windowed) {
            long[] range = jdbc.sql("select coalesce(min(sample_id), 0), coalesce(max(sample_id), 0) from sample where run_id = ?")
                    .param(runId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
            lastId = range[1];
            afterId = afterId != null ? afterId : range[0] - 1;
            windowEnd = afterId + window;
        }
        boolean byResult = slowest || (filter.outcome() != null && !unscored) || filter.minMs() != null
                || filter.maxMs() != null || filter.reused() != null;
        StringBuilder where = new StringBuilder();
        if (filter.task() != null) {
            where.append(" and s.task = :task");
        }
        if (filter.text() != null) {
            where.append(" and (strpos(lower(s.response), :text) > 0 or strpos(lower(r.detail), :text) > 0)");
        }
        if (windowEnd != null) {
            where.append(byResult ? " and r.sample_id <= :windowEnd and s.sample_id <= :windowEnd"
                    : " and s.sample_id <= :windowEnd");
        }
        String sql;
        if (byResult) {
            if (filter.outcome() != null) {
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
            if (slowest && filter.afterId() != null && filter.afterMs() != null) {
                where.append(" and (r.duration_ms, r.sample_id) < (:afterMs, :afterId)");
            } else if (!slowest && afterId != null) {
                // on both sides, so that neither side of the join is read from the run's start
                where.append(" and r.sample_id > :afterId and s.sample_id > :afterId");
            }
            String order = slowest ? " order by r.duration_ms desc, r.sample_id desc" : " order by r.sample_id";
            if (slowest && filter.text() == null) {
                // Sorting the run's results alone, then joining the page's samples, is a third of
                // the cost of sorting them joined: results carry their task.
                sql = "with page as (select r.sample_id from result r where r.run_id = :run"
                        + where.toString().replace("s.task", "r.task") + order + " limit :limit)"
                        + COLUMNS + " from page p join sample s on s.run_id = :run and s.sample_id = p.sample_id"
                        + " join result r on r.run_id = :run and r.sample_id = p.sample_id" + order;
            } else {
                sql = COLUMNS + " from result r join sample s on s.run_id = r.run_id and s.sample_id = r.sample_id"
                        + " where r.run_id = :run" + where + order + " limit :limit";
            }
        } else {
            if (unscored) {
                where.append(" and r.outcome is null");
            }
            if (afterId != null) {
                where.append(" and s.sample_id > :afterId");
            }
            sql = COLUMNS + " from sample s left join result r on r.run_id = s.run_id and r.sample_id = s.sample_id"
                    + (afterId != null ? " and r.sample_id > :afterId" : "") + " where s.run_id = :run" + where
                    + " order by s.sample_id limit :limit";
        }
        List<SampleRow> rows = jdbc.sql(sql)
                .param("run", runId).param("task", filter.task()).param("outcome", filter.outcome())
                .param("text", filter.text() == null ? null : filter.text().toLowerCase(java.util.Locale.ROOT))
                .param("minMs", filter.minMs()).param("maxMs", filter.maxMs())
                .param("afterId", afterId).param("afterMs", filter.afterMs()).param("windowEnd", windowEnd)
                .param("start", START).param("limit", filter.limit() + 1)
                .query((rs, i) -> row(rs))
                .list();
        if (rows.size() <= filter.limit()) {
            return windowEnd != null && windowEnd < lastId
                    ? new SamplePage(rows, windowEnd, null, windowEnd)
                    : new SamplePage(rows, null, null, null);
        }
        return nextPage(rows, filter, slowest);
    }

    /** The page from the tally's slowest results; empty once the list runs out before the page is full. */
    private Optional<SamplePage> slowestFromTally(String runId, SampleFilter filter, Tally tally) {
        String after = filter.afterId() != null && filter.afterMs() != null
                ? " and (t.duration_ms, t.sample_id) < (:afterMs, :afterId)" : "";
        List<SampleRow> rows = jdbc.sql(COLUMNS + """

                          from tally_slowest t
                          join sample s on s.run_id = t.run_id and s.sample_id = t.sample_id
                          join result r on r.run_id = t.run_id and r.sample_id = t.sample_id
                         where t.run_id = :run""" + after + """

                         order by t.duration_ms desc, t.sample_id desc limit :limit""")
                .param("run", runId).param("afterId", filter.afterId()).param("afterMs", filter.afterMs())
                .param("start", START).param("limit", filter.limit() + 1)
                .query((rs, i) -> row(rs))
                .list();
        if (rows.size() > filter.limit()) {
            return Optional.of(nextPage(rows, filter, true));
        }
        return tally.slowestComplete() ? Optional.of(new SamplePage(rows, null, null, null)) : Optional.empty();
    }

    private static SamplePage nextPage(List<SampleRow> rows, SampleFilter filter, boolean slowest) {
        List<SampleRow> page = rows.subList(0, filter.limit());
        SampleRow last = page.get(page.size() - 1);
        return new SamplePage(List.copyOf(page), last.sampleId(), slowest ? last.durationMs() : null, null);
    }

    private static final String COLUMNS = """
            select s.sample_id, s.task, s.doc_id, s.repeat_index, r.outcome, r.duration_ms, r.cpu_ms, r.reused_from,
                   left(s.response, :start) as response_start, left(r.detail, :start) as detail_start""";

    private static SampleRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SampleRow(rs.getLong("sample_id"), rs.getString("task"), rs.getString("doc_id"),
                rs.getInt("repeat_index"), rs.getString("outcome"), (Long) rs.getObject("duration_ms"),
                (Long) rs.getObject("cpu_ms"), rs.getString("reused_from"), rs.getString("response_start"),
                rs.getString("detail_start"));
    }

    /**
     * The run's task names, read by skipping through the index of (run, task, document) from one
     * task to the next: a handful of index probes instead of reading every sample.
     */
    public List<String> tasks(String runId) {
        return jdbc.sql("""
                        with recursive t(task) as (
                            select min(task) from sample where run_id = :run
                            union all
                            select (select min(task) from sample where run_id = :run and task > t.task) from t
                             where t.task is not null)
                        select task from t where task is not null""")
                .param("run", runId).query(String.class).list();
    }

    /**
     * Documents in (task, document) order, grouped from the index of samples by document; a page
     * starts after the given document, so any page costs its own documents.
     *
     * @param k the k of pass@k to show per document
     */
    public DocumentPage documents(String runId, String task, String afterTask, String afterDoc, List<Integer> k, int limit) {
        String where = (task == null ? "" : " and s.task = :task")
                + (afterTask == null || afterDoc == null ? "" : " and (s.task, s.doc_id) > (:afterTask, :afterDoc)");
        List<DocumentRow> rows = jdbc.sql("""
                        select s.task, s.doc_id, count(*) as n, count(*) filter (where r.outcome = 'passed') as c,
                               min(s.sample_id) as first_sample
                          from sample s left join result r on r.run_id = s.run_id and r.sample_id = s.sample_id
                         where s.run_id = :run""" + where + """

                         group by s.task, s.doc_id order by s.task, s.doc_id limit :limit""")
                .param("run", runId).param("task", task).param("afterTask", afterTask).param("afterDoc", afterDoc)
                .param("limit", limit + 1)
                .query((rs, i) -> {
                    int n = rs.getInt("n");
                    int c = rs.getInt("c");
                    java.util.Map<String, Double> pass = new java.util.LinkedHashMap<>();
                    for (int each : k) {
                        if (n >= each) {
                            pass.put(io.evalbatch.metrics.PassAtK.name(each), io.evalbatch.metrics.PassAtK.estimate(n, c, each));
                        }
                    }
                    return new DocumentRow(rs.getString("task"), rs.getString("doc_id"), n, c, pass,
                            rs.getLong("first_sample"));
                })
                .list();
        if (rows.size() <= limit) {
            return new DocumentPage(rows, null, null);
        }
        DocumentRow last = rows.get(limit - 1);
        return new DocumentPage(List.copyOf(rows.subList(0, limit)), last.task(), last.docId());
    }

    /** Per task, the first {@code limit} samples that did not pass (failed, timed out or error). */
    public java.util.Map<String, List<SampleRow>> notPassed(String runId, int limit) {
        java.util.Map<String, List<SampleRow>> byTask = new java.util.LinkedHashMap<>();
        jdbc.sql("select * from (" + COLUMNS + """
                        , row_number() over (partition by s.task order by s.sample_id) as n
                          from sample s join result r on r.run_id = s.run_id and r.sample_id = s.sample_id
                         where s.run_id = :run and r.outcome <> 'passed') x
                         where n <= :limit order by task, sample_id""")
                .param("run", runId).param("start", REPORT_CHARS).param("limit", limit)
                .query(rs -> {
                    SampleRow row = row(rs);
                    byTask.computeIfAbsent(row.task(), t -> new ArrayList<>()).add(row);
                });
        return byTask;
    }

    /** The samples of one document, in repeat order: the sample page lists its siblings. */
    public List<SampleRow> document(String runId, String task, String docId) {
        return jdbc.sql(COLUMNS + """

                          from sample s left join result r on r.run_id = s.run_id and r.sample_id = s.sample_id
                         where s.run_id = :run and s.task = :task and s.doc_id = :doc
                         order by s.repeat_index limit 200""")
                .param("run", runId).param("task", task).param("doc", docId).param("start", START)
                .query((rs, i) -> row(rs))
                .list();
    }

    /**
     * Documents both runs hold (same task and document id, or the given tasks of each) whose
     * fraction of passed samples differs, the largest change first.
     *
     * @param taskA null for every task, paired by name; else the task of run A to pair with taskB
     */
    public List<FlippedDocument> flipped(String runA, String runB, String taskA, String taskB, int limit) {
        String pairing = taskA == null ? "a.task = b.task" : "a.task = :taskA and b.task = :taskB";
        return jdbc.sql("""
                        with per_doc as (
                            select s.run_id, s.task, s.doc_id, avg(case when r.outcome = 'passed' then 1.0 else 0.0 end) as passed,
                                   min(s.sample_id) as first_sample
                              from sample s join result r on r.run_id = s.run_id and r.sample_id = s.sample_id
                             where s.run_id in (:a, :b) group by s.run_id, s.task, s.doc_id)
                        select a.task, a.doc_id, a.passed as passed_a, b.passed as passed_b,
                               a.first_sample as sample_a, b.first_sample as sample_b
                          from per_doc a join per_doc b on b.run_id = :b and b.doc_id = a.doc_id"""
                        + " and " + pairing + """

                         where a.run_id = :a and a.passed <> b.passed
                         order by abs(a.passed - b.passed) desc, a.task, a.doc_id limit :limit""")
                .param("a", runA).param("b", runB).param("taskA", taskA).param("taskB", taskB).param("limit", limit)
                .query(FlippedDocument.class).list();
    }
}
