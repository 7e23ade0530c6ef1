package io.evalbatch.web;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One line of the samples grid: the start of the response and of the detail only (a page never
 * carries a 10 MB response whole; the sample page fetches it on request).
 */
public record SampleRow(long sampleId, String task, String docId, int repeat, String outcome, Long durationMs,
                        Long cpuMs, String reusedFrom, String responseStart, String detailStart) {

    /** The select list of a row from {@code sample s} and {@code result r}, texts cut at {@code :start} characters. */
    static final String COLUMNS = """
            select s.sample_id, s.task, s.doc_id, s.repeat_index, r.outcome, r.duration_ms, r.cpu_ms, r.reused_from,
                   left(s.response, :start) as response_start, left(r.detail, :start) as detail_start""";

    static SampleRow of(ResultSet rs) throws SQLException {
        return new SampleRow(rs.getLong("sample_id"), rs.getString("task"), rs.getString("doc_id"),
                rs.getInt("repeat_index"), rs.getString("outcome"), (Long) rs.getObject("duration_ms"),
                (Long) rs.getObject("cpu_ms"), rs.getString("reused_from"), rs.getString("response_start"),
                rs.getString("detail_start"));
    }
}
