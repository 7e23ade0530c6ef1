package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.List;

import io.evalbatch.calibrate.ProblemLimit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints the calibrated CPU limit of each problem: its reference solution's CPU time, the limit, and where that came from. */
public final class CalibrationReport {

    private final JsonMapper json = JsonMapper.builder().build();

    public void print(PrintWriter out, OutputFormat format, List<ProblemLimit> limits) {
        switch (format) {
            case json -> {
                ObjectNode root = json.createObjectNode();
                ArrayNode rows = root.putArray("problems");
                for (ProblemLimit l : limits) {
                    ObjectNode row = rows.addObject().put("task", l.task()).put("doc", l.docId());
                    row.put("reference_cpu_ms", l.canonicalCpuMs());
                    row.put("cpu_limit_ms", l.cpuLimitMs()).put("source", l.source());
                }
                out.println(json.writeValueAsString(root));
            }
            case csv -> {
                Csv.line(out, List.of("task", "doc", "reference_cpu_ms", "cpu_limit_ms", "source"));
                limits.forEach(l -> Csv.line(out, List.of(l.task(), l.docId(),
                        l.canonicalCpuMs() == null ? "" : l.canonicalCpuMs().toString(), Long.toString(l.cpuLimitMs()),
                        l.source())));
            }
            case table -> {
                TextTable table = new TextTable(List.of("task", "doc", "reference cpu ms", "cpu limit", "source"));
                limits.forEach(l -> table.add(List.of(l.task(), l.docId(),
                        l.canonicalCpuMs() == null ? "-" : l.canonicalCpuMs().toString(),
                        NearLimitSentence.seconds(l.cpuLimitMs()) + " s", l.source())));
                table.print(out);
            }
        }
        out.flush();
    }
}
