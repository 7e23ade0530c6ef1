package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import io.evalbatch.metrics.MetricRow;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints the metrics of a run as a table, CSV, or {@code {"run", "status", "metrics": [...]}} JSON. */
public final class MetricsReport {

    private final JsonMapper json = JsonMapper.builder().build();

    public void print(PrintWriter out, OutputFormat format, String runId, String status, List<MetricRow> metrics,
                      List<String> errors) {
        switch (format) {
            case json -> printJson(out, runId, status, metrics, errors);
            case csv -> printCsv(out, metrics);
            case table -> printTable(out, runId, status, metrics);
        }
        out.flush();
    }

    private void printJson(PrintWriter out, String runId, String status, List<MetricRow> metrics, List<String> errors) {
        ObjectNode root = json.createObjectNode();
        root.put("run", runId);
        root.put("status", status);
        ArrayNode rows = root.putArray("metrics");
        for (MetricRow m : metrics) {
            ObjectNode row = rows.addObject();
            row.put(m.scope().equals("task") ? "task" : "group", m.name());
            row.put("metric", m.metric());
            row.put("value", m.value());
            row.put("n", m.n());
            row.put("stderr", m.stderr());
            if (m.note() != null) {
                row.put("note", m.note());
            }
        }
        if (!errors.isEmpty()) {
            ArrayNode list = root.putArray("errors");
            errors.forEach(list::add);
        }
        out.println(json.writeValueAsString(root));
    }

    private static void printCsv(PrintWriter out, List<MetricRow> metrics) {
        Csv.line(out, List.of("scope", "name", "metric", "value", "stderr", "n", "note"));
        for (MetricRow m : metrics) {
            Csv.line(out, List.of(m.scope(), m.name(), m.metric(), text(m.value()), text(m.stderr()),
                    Long.toString(m.n()), m.note() == null ? "" : m.note()));
        }
    }

    private static void printTable(PrintWriter out, String runId, String status, List<MetricRow> metrics) {
        out.println("run " + runId + ": " + status);
        if (metrics.isEmpty()) {
            out.println("(no metrics)");
            return;
        }
        TextTable table = new TextTable(List.of("task", "metric", "value", "stderr", "n", "note"));
        for (MetricRow m : metrics) {
            table.add(List.of(m.name(), m.metric(), fixed(m.value()), fixed(m.stderr()), Long.toString(m.n()),
                    m.note() == null ? "" : m.note()));
        }
        table.print(out);
    }

    private static String text(Double value) {
        return value == null ? "" : Double.toString(value);
    }

    private static String fixed(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
