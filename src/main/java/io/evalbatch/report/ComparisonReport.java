package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import io.evalbatch.metrics.MetricDifference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints what {@code evalbatch compare} found, as a table, CSV or JSON. */
public final class ComparisonReport {

    private final JsonMapper json = JsonMapper.builder().build();

    public void print(PrintWriter out, OutputFormat format, String runA, String runB, List<MetricDifference> rows) {
        switch (format) {
            case json -> {
                ObjectNode root = json.createObjectNode();
                root.put("a", runA);
                root.put("b", runB);
                ArrayNode list = root.putArray("differences");
                for (MetricDifference d : rows) {
                    list.addObject().put("task", d.task()).put("metric", d.metric()).put("documents", d.documents())
                            .put("a", d.valueA()).put("b", d.valueB()).put("difference", d.difference())
                            .put("stderr", d.stderr()).put("interval_low", d.intervalLow())
                            .put("interval_high", d.intervalHigh());
                }
                out.println(json.writeValueAsString(root));
            }
            case csv -> {
                Csv.line(out, List.of("task", "metric", "documents", "a", "b", "difference", "stderr", "interval_low",
                        "interval_high"));
                for (MetricDifference d : rows) {
                    Csv.line(out, List.of(d.task(), d.metric(), Long.toString(d.documents()), Double.toString(d.valueA()),
                            Double.toString(d.valueB()), Double.toString(d.difference()), text(d.stderr()),
                            text(d.intervalLow()), text(d.intervalHigh())));
                }
            }
            case table -> {
                out.println("a = " + runA + ", b = " + runB + ": a - b over the documents both have");
                if (rows.isEmpty()) {
                    out.println("(no metric of a task that both runs have)");
                }
                TextTable table = new TextTable(List.of("task", "metric", "documents", "a", "b", "a - b", "stderr",
                        "95% bootstrap interval"));
                for (MetricDifference d : rows) {
                    table.add(List.of(d.task(), d.metric(), Long.toString(d.documents()), fixed(d.valueA()),
                            fixed(d.valueB()), fixed(d.difference()), fixed(d.stderr()), d.intervalLow() == null ? "-"
                                    : "[" + fixed(d.intervalLow()) + ", " + fixed(d.intervalHigh()) + "]"));
                }
                if (!rows.isEmpty()) {
                    table.print(out);
                }
            }
        }
        out.flush();
    }

    private static String text(Double value) {
        return value == null ? "" : Double.toString(value);
    }

    private static String fixed(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
