package io.evalbatch.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.filter.Sample;

/**
 * {@code {"task_id": "HumanEval/0", "completion": "..."}}: one sample per line, scored against the
 * problem of that task id. Several lines for one task id are its repeats, in file order.
 */
final class HumanEvalLineParser implements LineParser {

    private final String runId;
    private final String task;
    private final ProblemSet problems;
    private final Map<String, Integer> repeats = new HashMap<>();

    HumanEvalLineParser(String runId, String task, ProblemSet problems) {
        this.runId = runId;
        this.task = task;
        this.problems = problems;
    }

    @Override
    public List<Sample> parse(JsonFields line, long firstId) {
        String taskId = line.id("task_id");
        String completion = line.text("completion");
        Problem problem = problems.find(taskId).orElseThrow(() -> line.invalid(
                "unknown task_id '" + taskId + "' (not in " + problems.source() + ")"));
        int repeat = repeats.merge(taskId, 1, Integer::sum) - 1;
        return List.of(new Sample(runId, firstId, task, taskId, repeat, line.file(), line.line(),
                problem.prompt(), completion, problem.test(), problem.entryPoint(), null));
    }
}
