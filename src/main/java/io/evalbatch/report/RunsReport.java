package io.evalbatch.report;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.evalbatch.report.RunOverview;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints the list of runs. */
public final class RunsReport {

    private final JsonMapper json = JsonMapper.builder().build();

    public void print(PrintWriter out, OutputFormat format, List<RunOverview> runs) {
        switch (format) {
            case json -> printJson(out, runs);
            case csv -> {
                Csv.line(out, List.of("run", "job", "status", "done", "total", "started", "ended", "inputs",
                        "invalid_lines", "failure", "label"));
                runs.forEach(r -> Csv.line(out, List.of(r.runId(), r.job(), r.status(), Long.toString(r.results()),
                        Long.toString(r.samples()), text(iso(r.startedAt())), text(iso(r.endedAt())), r.inputs(),
                        Long.toString(r.invalidLines()), text(r.failure()), text(r.label()))));
            }
            case table -> {
                if (runs.isEmpty()) {
                    out.println("No runs yet. Start one with: evalbatch run <job.yaml>");
                    break;
                }
                // The column of skipped lines only when a run has some: most never do.
                boolean invalid = runs.stream().anyMatch(r -> r.invalidLines() > 0);
                boolean labelled = runs.stream().anyMatch(r -> r.label() != null);
                List<String> header = new ArrayList<>(List.of("run", "job"));
                if (labelled) {
                    header.add("label");
                }
                header.addAll(List.of("status", "done/total"));
                if (invalid) {
                    header.add("invalid lines");
                }
                header.addAll(List.of("started", "ended", "input"));
                // Why a run failed, when one did: the reason, cut to fit a line.
                boolean failed = runs.stream().anyMatch(r -> r.failure() != null);
                if (failed) {
                    header.add("failure");
                }
                TextTable table = new TextTable(header);
                for (RunOverview r : runs) {
                    List<String> row = new ArrayList<>(List.of(r.runId(), r.job()));
                    if (labelled) {
                        row.add(r.label() == null ? "" : TerminalText.oneLine(r.label(), 40));
                    }
                    row.addAll(List.of(r.status(), r.results() + "/" + r.samples()));
                    if (invalid) {
                        row.add(Long.toString(r.invalidLines()));
                    }
                    row.addAll(List.of(LocalTimes.format(r.startedAt()), LocalTimes.format(r.endedAt()),
                            shortInputs(r.inputs())));
                    if (failed) {
                        row.add(r.failure() == null ? "" : TerminalText.oneLine(r.failure(), 80));
                    }
                    table.add(row);
                }
                table.print(out);
            }
        }
        out.flush();
    }

    private void printJson(PrintWriter out, List<RunOverview> runs) {
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("runs");
        for (RunOverview r : runs) {
            ObjectNode row = list.addObject();
            row.put("run", r.runId());
            row.put("job", r.job());
            row.put("label", r.label());
            row.put("status", r.status());
            row.put("done", r.results());
            row.put("total", r.samples());
            row.put("started", iso(r.startedAt()));
            row.put("ended", iso(r.endedAt()));
            row.put("inputs", r.inputs());
            row.put("invalid_lines", r.invalidLines());
            if (r.failure() != null && !r.failure().isBlank()) {
                row.put("failure", r.failure());
            }
        }
        out.println(json.writeValueAsString(root));
    }

    /** File names only, and at most two of them: the full paths are in CSV and JSON (and web pages' titles). */
    public static String shortInputs(String inputs) {
        List<String> names = Arrays.stream(inputs.split(", ")).filter(p -> !p.isBlank())
                .map(p -> Path.of(p).getFileName()).filter(Objects::nonNull).map(Path::toString).toList();
        return names.size() <= 2 ? String.join(", ", names)
                : names.get(0) + ", " + names.get(1) + " (+" + (names.size() - 2) + " more)";
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String iso(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

}
