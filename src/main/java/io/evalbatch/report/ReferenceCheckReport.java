package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.List;

import io.evalbatch.check.ReferenceOutcome;
import io.evalbatch.check.ReferenceReport;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints what {@code evalbatch check} found: how many reference solutions pass through the job's
 * filter and, as a table, those that do not (CSV and JSON list every reference).
 */
public final class ReferenceCheckReport {

    private final JsonMapper json = JsonMapper.builder().build();

    public void print(PrintWriter out, OutputFormat format, String job, ReferenceReport report) {
        switch (format) {
            case json -> {
                ObjectNode root = json.createObjectNode().put("job", job).put("problems", report.problems())
                        .put("references", report.checked().size())
                        .put("passed", report.checked().size() - report.failing().size());
                ArrayNode rows = root.putArray("checked");
                report.checked().forEach(r -> rows.addObject().put("task", r.task()).put("doc", r.docId())
                        .put("outcome", r.outcome()).put("detail", r.detail()));
                out.println(json.writeValueAsString(root));
            }
            case csv -> {
                Csv.line(out, List.of("task", "doc", "outcome", "detail"));
                report.checked().forEach(r -> Csv.line(out, List.of(r.task(), r.docId(), r.outcome(),
                        r.detail() == null ? "" : r.detail())));
            }
            case table -> {
                out.println(job + ": " + report.summary());
                List<ReferenceOutcome> failing = report.failing();
                if (!failing.isEmpty()) {
                    TextTable table = new TextTable(List.of("task", "doc", "outcome", "detail"));
                    failing.forEach(r -> table.add(List.of(r.task(), r.docId(), r.outcome(),
                            r.detail() == null ? "" : TerminalText.oneLine(r.detail(), 120))));
                    table.print(out);
                }
            }
        }
        out.flush();
    }
}
