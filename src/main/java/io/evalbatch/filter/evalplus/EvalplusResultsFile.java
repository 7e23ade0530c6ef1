package io.evalbatch.filter.evalplus;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.evalbatch.definition.FilterSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run of the evalplus filter as evalplus's own results file ({@code eval_results.json}), which
 * evalplus's tools read: {@code date}, {@code hash} (the dataset's MD5, as evalplus computes it) and
 * {@code eval}: per task id, its samples in order, each with {@code task_id}, {@code solution},
 * {@code base_status}, {@code plus_status}, {@code base_fail_tests} and {@code plus_fail_tests}
 * (the failing inputs themselves, as evalplus lists them).
 */
public final class EvalplusResultsFile {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** One scored sample: its task id, the program as evalplus would run it, and its stored fields. */
    public record Row(String taskId, String solution, @Nullable String fields) {
    }

    private final EvalplusDataset dataset;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, JsonNode> problems = new HashMap<>();

    private EvalplusResultsFile(EvalplusDataset dataset) {
        this.dataset = dataset;
    }

    /**
     * For a run whose filter is {@code filter}.
     *
     * @throws IllegalArgumentException when that is not the evalplus filter, or its dataset cannot be read
     */
    public static EvalplusResultsFile of(FilterSpec filter) {
        if (!filter.name().equals("evalplus")) {
            throw new IllegalArgumentException("the run was scored by the " + filter.name() + " filter; evalplus's "
                    + "results file holds base and plus statuses, which only the evalplus filter gives");
        }
        return new EvalplusResultsFile(EvalplusDataset.load(EvalplusFilterProvider.DATASET.text(filter)));
    }

    /** Writes the file; {@code rows} gives the run's samples in order. */
    public void write(OutputStream out, @Nullable Instant ended, Consumer<Consumer<Row>> rows) throws IOException {
        Map<String, List<ObjectNode>> eval = new LinkedHashMap<>();
        rows.accept(row -> eval.computeIfAbsent(row.taskId(), t -> new ArrayList<>()).add(entry(row)));
        ObjectNode root = json.createObjectNode();
        root.put("date", DATE.format((ended == null ? Instant.now() : ended).atZone(ZoneId.systemDefault())));
        root.put("hash", dataset.md5());
        ObjectNode byTask = root.putObject("eval");
        eval.forEach((task, entries) -> byTask.putArray(task).addAll(entries));
        json.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    private ObjectNode entry(Row row) {
        JsonNode fields = row.fields() == null ? json.createObjectNode() : json.readTree(row.fields());
        ObjectNode entry = json.createObjectNode();
        entry.put("task_id", row.taskId());
        entry.put("solution", row.solution());
        entry.put("base_status", fields.path("base_status").asString(null));
        entry.put("plus_status", fields.path("plus_status").asString(null));
        entry.set("base_fail_tests", failTests(row.taskId(), "base", fields.path("base_fail_inputs")));
        entry.set("plus_fail_tests", failTests(row.taskId(), "plus", fields.path("plus_fail_inputs")));
        return entry;
    }

    private ArrayNode failTests(String taskId, String part, JsonNode indices) {
        ArrayNode tests = json.createArrayNode();
        if (!indices.isArray() || indices.isEmpty()) {
            return tests;
        }
        JsonNode inputs = problem(taskId).path(part + "_input");
        indices.forEach(i -> tests.add(inputs.path(i.intValue())));
        return tests;
    }

    private JsonNode problem(String taskId) {
        return problems.computeIfAbsent(taskId, t -> dataset.find(t).map(p -> json.readTree(p.line()))
                .orElseGet(json::createObjectNode));
    }
}
