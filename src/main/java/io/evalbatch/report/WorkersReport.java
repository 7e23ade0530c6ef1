package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.List;

import io.evalbatch.distribute.Workers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints the workers of a queue: live ones, and those silent for less than an hour. */
public final class WorkersReport {

    private final JsonMapper json = JsonMapper.builder().build();

    public void print(PrintWriter out, OutputFormat format, String queue, List<Workers.Registered> workers) {
        switch (format) {
            case json -> {
                ObjectNode root = json.createObjectNode();
                root.put("queue", queue);
                ArrayNode list = root.putArray("workers");
                for (Workers.Registered w : workers) {
                    ObjectNode row = list.addObject();
                    row.put("worker", w.workerId());
                    row.put("host", w.host());
                    row.put("pid", w.pid());
                    row.put("threads", w.threads());
                    row.put("partitions", w.partitions());
                    row.put("started", w.startedAt().toString());
                    row.put("silent_seconds", Math.round(w.silentSeconds() * 10) / 10.0);
                    row.put("live", w.live());
                    ArrayNode current = row.putArray("current");
                    w.current().forEach(current::add);
                }
                out.println(json.writeValueAsString(root));
            }
            case csv -> {
                Csv.line(out, List.of("worker", "host", "pid", "threads", "partitions", "started", "silent_seconds",
                        "live", "current"));
                workers.forEach(w -> Csv.line(out, List.of(w.workerId(), w.host(), Long.toString(w.pid()),
                        Integer.toString(w.threads()), Integer.toString(w.partitions()), w.startedAt().toString(),
                        Long.toString(Math.round(w.silentSeconds())), Boolean.toString(w.live()),
                        String.join(" ", w.current()))));
            }
            case table -> {
                if (workers.stream().noneMatch(Workers.Registered::live)) {
                    out.println("No worker is running on queue '" + queue + "'. Start one with: evalbatch worker");
                }
                if (workers.isEmpty()) {
                    break;
                }
                TextTable table = new TextTable(List.of("host", "pid", "threads", "partitions", "started", "state",
                        "scoring"));
                for (Workers.Registered w : workers) {
                    table.add(List.of(w.host(), Long.toString(w.pid()), Integer.toString(w.threads()),
                            Integer.toString(w.partitions()), LocalTimes.format(w.startedAt()),
                            w.live() ? "live" : "silent for " + Math.round(w.silentSeconds()) + " s",
                            w.current().isEmpty() ? "-" : String.join(", ", w.current())));
                }
                table.print(out);
            }
        }
        out.flush();
    }
}
