package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.List;

import io.evalbatch.report.SampleOutcome;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints every sample of a run with its outcome: where it came from, how it ended, and why. */
public final class SamplesReport {

    private static final int TABLE_DETAIL = 60;

    private final JsonMapper json = JsonMapper.builder().build();

    public void print(PrintWriter out, OutputFormat format, String runId, List<SampleOutcome> samples) {
        switch (format) {
            case json -> {
                ObjectNode root = json.createObjectNode();
                root.put("run", runId);
                ArrayNode rows = root.putArray("samples");
                for (SampleOutcome s : samples) {
                    ObjectNode row = rows.addObject();
                    row.put("sample", s.sampleId());
                    row.put("task", s.task());
                    row.put("doc", s.docId());
                    row.put("repeat", s.repeatIndex());
                    row.put("file", s.sourceFile());
                    row.put("line", s.sourceLine());
                    row.put("outcome", s.outcome());
                    row.put("score", s.score());
                    row.put("answer", s.answer());
                    row.put("detail", s.detail());
                    row.put("ms", s.durationMs());
                    row.put("cpu_ms", s.cpuMs());
                    row.put("cpu_limit_ms", s.cpuLimitMs());
                    row.put("near_limit", s.nearLimit());
                    row.set("fields", s.fields() == null ? null : json.readTree(s.fields()));
                    row.put("reused_from", s.reusedFrom());
                }
                out.println(json.writeValueAsString(root));
            }
            case csv -> {
                Csv.line(out, List.of("sample", "task", "doc", "repeat", "file", "line", "outcome", "score", "answer",
                        "detail", "ms", "cpu_ms", "cpu_limit_ms", "near_limit", "fields", "reused_from"));
                samples.forEach(s -> Csv.line(out, List.of(Long.toString(s.sampleId()), s.task(), s.docId(),
                        Integer.toString(s.repeatIndex()), s.sourceFile(), Long.toString(s.sourceLine()),
                        text(s.outcome()), text(s.score()), text(s.answer()), text(s.detail()), text(s.durationMs()),
                        text(s.cpuMs()), text(s.cpuLimitMs()), text(s.nearLimit()), text(s.fields()),
                        text(s.reusedFrom()))));
            }
            case table -> {
                TextTable table = new TextTable(List.of("sample", "task", "doc", "repeat", "outcome", "ms", "cpu ms",
                        "cpu limit", "detail"));
                samples.forEach(s -> table.add(List.of(Long.toString(s.sampleId()), s.task(), s.docId(),
                        Integer.toString(s.repeatIndex()), text(s.outcome()), text(s.durationMs()), text(s.cpuMs()),
                        s.cpuLimitMs() == null ? "" : NearLimitSentence.seconds(s.cpuLimitMs()) + " s",
                        brief(s.detail()))));
                table.print(out);
            }
        }
        out.flush();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** The start of a detail, which holds the program's own output: escaped for the terminal. */
    private static String brief(String detail) {
        return TerminalText.oneLine(detail, TABLE_DETAIL);
    }
}
