package io.evalbatch.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.filter.Sample;

/**
 * {@code {"task_id": "HumanEval/0", "completion": "..."}}: one sample per line, scored against the
 * problem of that task id. Several lines for one task id are its repeats, in file order. With
 * {@code solutions} (evalplus), a line may instead hold {@code "solution"}: a whole program, the
 * prompt included, run as it is.
 */
final class HumanEvalLineParser implements LineParser {

    private final String runId;
    private final String task;
    private final ProblemSet problems;
    private final boolean solutions;
    private static final java.util.Set<String> SAMPLE_FIELDS = java.util.Set.of("task_id", "completion", "solution");

    private final Map<String, Integer> repeats = new HashMap<>();

    HumanEvalLineParser(String runId, String task, ProblemSet problems) {
        this(runId, task, problems, false);
    }

    HumanEvalLineParser(String runId, String task, ProblemSet problems, boolean solutions) {
        this.solutions = solutions;
        this.runId = runId;
        this.task = task;
        this.problems = problems;
    }

    @Override
    public List<Sample> parse(JsonFields line, long firstId) {
        String taskId = line.id("task_id");
        boolean whole = solutions && line.node().has("solution");
        if (solutions && !whole && !line.node().has("completion")) {
            throw line.invalid("needs a field 'solution' (a whole program) or 'completion' (continuing the prompt)");
        }
        String response = line.text(whole ? "solution" : "completion");
        Problem problem = problems.find(taskId).orElseThrow(() -> line.invalid(
                "unknown task_id '" + taskId + "' (not in " + problems.source() + ")"));
        int repeat = repeats.merge(taskId, 1, Integer::sum) - 1;
        return List.of(new Sample(runId, firstId, task, taskId, repeat, line.file(), line.line(),
                whole ? "" : problem.prompt(), response, problem.test(), problem.entryPoint(), null,
                doc(problem, line)));
    }

    /**
     * The problem's other fields with the line's own on top (a sample's {@code language}, say),
     * as one JSON object; null when there are none, as for HumanEval itself.
     */
    private static String doc(Problem problem, JsonFields line) {
        if (line.node().properties().stream().allMatch(e -> SAMPLE_FIELDS.contains(e.getKey()))) {
            return problem.extrasText();
        }
        tools.jackson.databind.node.ObjectNode doc = problem.extras().deepCopy();
        line.node().properties().forEach(e -> {
            if (!SAMPLE_FIELDS.contains(e.getKey())) {
                doc.set(e.getKey(), e.getValue());
            }
        });
        return doc.isEmpty() ? null : doc.toString();
    }
}
