package io.evalbatch.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the pages show beyond the stores of the run, metrics and tally packages: the run's tasks, a
 * page of documents, a document's samples, the failed samples a report lists, the documents two
 * runs score differently.
 */
@Repository
public class RunViews {

    /** How much of a response or detail a grid line carries. */
    static final int START = 160;
    /** How much of a response or detail a report carries per failed sample. */
    static final int REPORT_CHARS = 2_000;

    private final JdbcClient jdbc;

    public RunViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        jdbc.sql("select * from (" + SampleRow.COLUMNS + """
                        , row_number() over (partition by s.task order by s.sample_id) as n
                          from sample s join result r on r.run_id = s.run_id and r.sample_id = s.sample_id
                         where s.run_id = :run and r.outcome <> 'passed') x
                         where n <= :limit order by task, sample_id""")
                .param("run", runId).param("start", REPORT_CHARS).param("limit", limit)
                .query(rs -> {
                    SampleRow row = SampleRow.of(rs);
                    byTask.computeIfAbsent(row.task(), t -> new ArrayList<>()).add(row);
                });
        return byTask;
    }

    /** The samples of one document, in repeat order: the sample page lists its siblings. */
    public List<SampleRow> document(String runId, String task, String docId) {
        return jdbc.sql(SampleRow.COLUMNS + """

                          from sample s left join result r on r.run_id = s.run_id and r.sample_id = s.sample_id
                         where s.run_id = :run and s.task = :task and s.doc_id = :doc
                         order by s.repeat_index limit 200""")
                .param("run", runId).param("task", task).param("doc", docId).param("start", START)
                .query((rs, i) -> SampleRow.of(rs))
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
        if (hasPassAt1(runA) && hasPassAt1(runB)) {
            // pass@1 of a document is its share of passed samples, stored by the metrics step: the
            // page reads one row per document instead of aggregating every sample of both runs
            return jdbc.sql("""
                            select a.task, a.doc_id, a.value as passed_a, b.value as passed_b,
                                   (select min(s.sample_id) from sample s
                                     where s.run_id = :a and s.task = a.task and s.doc_id = a.doc_id) as sample_a,
                                   (select min(s.sample_id) from sample s
                                     where s.run_id = :b and s.task = b.task and s.doc_id = b.doc_id) as sample_b
                              from document_metric a
                              join document_metric b on b.run_id = :b and b.metric = 'pass@1' and b.doc_id = a.doc_id"""
                            + " and " + pairing + """

                             where a.run_id = :a and a.metric = 'pass@1' and a.value <> b.value
                             order by abs(a.value - b.value) desc, a.task, a.doc_id limit :limit""")
                    .param("a", runA).param("b", runB).param("taskA", taskA).param("taskB", taskB).param("limit", limit)
                    .query(FlippedDocument.class).list();
        }
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

    private boolean hasPassAt1(String runId) {
        return jdbc.sql("select exists (select 1 from metric where run_id = ? and scope = 'task' and metric = 'pass@1')")
                .param(runId).query(Boolean.class).single();
    }
}
