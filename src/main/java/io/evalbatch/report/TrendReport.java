package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.List;

import io.evalbatch.metrics.MetricStore.TrendPoint;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints a metric over the runs of a job: one line per run (and task), oldest first. */
public final class TrendReport {

    private final JsonMapper json = JsonMapper.builder().build();

    public void print(PrintWriter out, OutputFormat format, String job, String metric, List<TrendPoint> points) {
        switch (format) {
            case json -> {
                ObjectNode root = json.createObjectNode();
                root.put("job", job);
                root.put("metric", metric);
                ArrayNode list = root.putArray("runs");
                points.forEach(p -> {
                    ObjectNode row = list.addObject();
                    row.put("run", p.runId());
                    row.put("created", p.createdAt().toString());
                    row.put("status", p.status());
                    row.put("task", p.task());
                    row.put("value", p.value());
                    row.put("stderr", p.stderr());
                    row.put("n", p.documents());
                    row.put("file", p.file());
                });
                out.println(json.writeValueAsString(root));
            }
            case csv -> {
                Csv.line(out, List.of("run", "created", "status", "task", "value", "stderr", "n", "file"));
                points.forEach(p -> Csv.line(out, List.of(p.runId(), p.createdAt().toString(), p.status(), p.task(),
                        number(p.value()), number(p.stderr()), Long.toString(p.documents()),
                        p.file() == null ? "" : p.file())));
            }
            case table -> {
                if (points.isEmpty()) {
                    out.println("No run of job '" + job + "' has metric '" + metric + "'.");
                    break;
                }
                TextTable table = new TextTable(List.of("run", "created", "status", "task", metric, "stderr", "n",
                        "file"));
                points.forEach(p -> table.add(List.of(p.runId(), LocalTimes.format(p.createdAt()), p.status(), p.task(),
                        p.value() == null ? "-" : "%.4f".formatted(p.value()),
                        p.stderr() == null ? "-" : "%.4f".formatted(p.stderr()), Long.toString(p.documents()),
                        p.file() == null ? "" : java.nio.file.Path.of(p.file()).getFileName().toString())));
                table.print(out);
            }
        }
        out.flush();
    }

    private static String number(Double value) {
        return value == null ? "" : Double.toString(value);
    }
}
