package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.evalbatch.cost.TokenUsage;
import io.evalbatch.ingest.InvalidInputLine;
import io.evalbatch.metrics.MetricRow;
import io.evalbatch.report.NearLimitCount;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints the metrics of a run as a table, CSV, or {@code {"run", "status", "metrics": [...]}} JSON. */
public final class MetricsReport {

    /** The table lists the first ones; JSON lists all. */
    private static final int SHOWN_INVALID_LINES = 20;

    private final JsonMapper json = JsonMapper.builder().build();

    public void print(PrintWriter out, OutputFormat format, RunReport report) {
        switch (format) {
            case json -> printJson(out, report);
            case csv -> printCsv(out, report);
            case table -> printTable(out, report);
        }
        out.flush();
    }

    private void printJson(PrintWriter out, RunReport report) {
        ObjectNode root = json.createObjectNode();
        root.put("run", report.runId());
        root.put("status", report.status());
        ArrayNode rows = root.putArray("metrics");
        for (MetricRow m : report.metrics()) {
            ObjectNode row = rows.addObject();
            row.put(m.scope().equals("task") ? "task" : "group", m.name());
            row.put("metric", m.metric());
            if (m.scope().equals("group")) {
                row.put("weighting", m.weighting());
            }
            row.put("value", m.value());
            row.put("stderr", m.stderr());
            row.put("bootstrap_stderr", m.bootstrapStderr());
            row.put("n", m.n());
            row.put("samples", m.samples());
            if (m.scope().equals("task")) {
                row.put("errors", m.errors());
            }
            if (m.note() != null) {
                row.put("note", m.note());
            }
        }
        if (!report.errors().isEmpty()) {
            ArrayNode list = root.putArray("errors");
            report.errors().forEach(list::add);
        }
        if (!report.invalidLines().isEmpty()) {
            ArrayNode list = root.putArray("invalid_lines");
            for (InvalidInputLine line : report.invalidLines()) {
                list.addObject().put("file", line.file()).put("line", line.line()).put("reason", line.reason());
            }
        }
        ArrayNode near = root.putArray("near_limit");
        for (NearLimitCount count : report.nearLimit()) {
            ObjectNode row = near.addObject().put("task", count.task()).put("results", count.results())
                    .put("near_limit", count.nearLimit());
            row.put("min_cpu_limit_ms", count.minLimitMillis());
            row.put("max_cpu_limit_ms", count.maxLimitMillis());
        }
        if (!report.usage().isEmpty()) {
            ArrayNode usage = root.putArray("usage");
            for (TokenUsage task : report.usage()) {
                ObjectNode row = usage.addObject().put("task", task.task()).put("judgments", task.judgments())
                        .put("prompt_tokens", task.promptTokens()).put("completion_tokens", task.completionTokens());
                if (task.cost() != null) {
                    row.put("cost", task.cost());
                }
            }
        }
        ObjectNode steps = root.putObject("seconds");
        report.stepSeconds().forEach((step, seconds) -> steps.put(step, Math.round(seconds * 1000) / 1000.0));
        out.println(json.writeValueAsString(root));
    }

    /** {@code near_limit}: on task rows, how many of the task's outcomes are near the CPU limit. */
    private static void printCsv(PrintWriter out, RunReport report) {
        Map<String, Long> near = report.nearLimit().stream()
                .collect(Collectors.toMap(NearLimitCount::task, NearLimitCount::nearLimit));
        Csv.line(out, List.of("scope", "name", "metric", "weighting", "value", "stderr", "bootstrap_stderr", "n",
                "samples", "errors", "note", "near_limit"));
        for (MetricRow m : report.metrics()) {
            Long nearLimit = m.scope().equals("task") ? near.get(m.name()) : null;
            Csv.line(out, List.of(m.scope(), m.name(), m.metric(), m.weighting(), text(m.value()), text(m.stderr()),
                    text(m.bootstrapStderr()), Long.toString(m.n()), m.samples() == null ? "" : m.samples().toString(),
                    m.scope().equals("task") ? Long.toString(m.errors()) : "", m.note() == null ? "" : m.note(), nearLimit == null ? "" : nearLimit.toString()));
        }
    }

    private static void printTable(PrintWriter out, RunReport report) {
        out.println("run " + report.runId() + ": " + report.status());
        report.errors().forEach(error -> out.println("  " + TerminalText.oneLine(error, Integer.MAX_VALUE)));
        printMetricsTable(out, report);
        printUsage(out, report.usage());
        printNearLimit(out, report);
        List<InvalidInputLine> invalid = report.invalidLines();
        if (!invalid.isEmpty()) {
            out.println(invalid.size() + " invalid input line" + (invalid.size() == 1 ? "" : "s") + " skipped:");
            invalid.stream().limit(SHOWN_INVALID_LINES)
                    .forEach(l -> out.println("  " + l.file() + ":" + l.line() + ": " + l.reason()));
            if (invalid.size() > SHOWN_INVALID_LINES) {
                out.println("  ... and " + (invalid.size() - SHOWN_INVALID_LINES) + " more (--format json lists all)");
            }
        }
    }

    /** "tokens paid for: mt-bench-turn-1: 80 judgments, 61234 prompt + 12345 completion tokens, cost 2.5771". */
    private static void printUsage(PrintWriter out, List<TokenUsage> usage) {
        if (usage.isEmpty()) {
            return;
        }
        out.println("tokens paid for (results reused from earlier runs cost nothing):");
        for (TokenUsage task : usage) {
            out.println("  " + task.task() + ": " + task.judgments() + " judgment" + (task.judgments() == 1 ? "" : "s")
                    + ", " + task.promptTokens() + " prompt + " + task.completionTokens() + " completion tokens"
                    + (task.cost() == null ? "" : String.format(Locale.ROOT, ", cost %.4f", task.cost())));
        }
    }

    private static void printNearLimit(PrintWriter out, RunReport report) {
        String sentence = NearLimitSentence.of(report.runId(), report.nearLimit());
        if (sentence.isEmpty()) {
            return;
        }
        out.println(sentence);
        report.nearLimit().stream().filter(c -> c.nearLimit() > 0)
                .forEach(c -> out.println("  " + c.task() + ": " + c.nearLimit() + " of " + c.results()));
    }

    private static void printMetricsTable(PrintWriter out, RunReport report) {
        if (report.metrics().isEmpty()) {
            out.println("(no metrics)");
            return;
        }
        TextTable table = new TextTable(List.of("task", "metric", "value", "stderr", "bootstrap", "n", "note"));
        for (MetricRow m : report.metrics()) {
            String name = m.scope().equals("task") ? m.name() : m.name() + " (group, by " + m.weighting() + ")";
            table.add(List.of(name, m.metric(), fixed(m.value()), fixed(m.stderr()), fixed(m.bootstrapStderr()),
                    Long.toString(m.n()), m.note() == null ? "" : m.note()));
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
