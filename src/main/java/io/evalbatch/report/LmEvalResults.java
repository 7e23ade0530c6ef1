package io.evalbatch.report;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.evalbatch.metrics.MetricRow;
import io.evalbatch.metrics.TaskFacts;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run's metrics shaped like the {@code results_<date>.json} of lm-evaluation-harness, so that
 * tools reading those read these: {@code results} → task → {@code "<metric>,<filter>"} and
 * {@code "<metric>_stderr,<filter>"} (the closed-form error, as lm-eval reports for means), with
 * {@code alias}; {@code groups} and {@code group_subtasks} for groups (their size-weighted row);
 * {@code configs}, {@code versions}, {@code n-shot}, {@code higher_is_better}, {@code n-samples},
 * {@code config} and {@code date}. Metrics that could not be computed are left out, as lm-eval does.
 */
public final class LmEvalResults {

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param groups the run's groups: name → tasks
     */
    public void print(PrintWriter out, String runId, String jobName, Instant createdAt, List<MetricRow> metrics,
                      List<TaskFacts> tasks, Map<String, List<String>> groups) {
        Map<String, TaskFacts> byTask = new LinkedHashMap<>();
        tasks.forEach(t -> byTask.put(t.task(), t));
        ObjectNode root = json.createObjectNode();
        ObjectNode results = root.putObject("results");
        ObjectNode groupResults = json.createObjectNode();
        ObjectNode higherIsBetter = json.createObjectNode();
        for (TaskFacts task : tasks) {
            results.putObject(task.task()).put("alias", task.task());
        }
        groups.keySet().forEach(g -> groupResults.putObject(g).put("alias", g));
        for (MetricRow m : metrics) {
            if (m.value() == null || !m.weighting().equals("documents")) {
                continue;
            }
            boolean group = m.scope().equals("group");
            String filter = group ? groupFilter(groups.get(m.name()), byTask) : byTask.get(m.name()).filterKey();
            ObjectNode row = group ? (ObjectNode) groupResults.get(m.name()) : (ObjectNode) results.get(m.name());
            if (row == null) {
                continue;
            }
            row.put(m.metric() + "," + filter, m.value());
            if (m.stderr() != null) {
                row.put(m.metric() + "_stderr," + filter, m.stderr());
            } else {
                row.put(m.metric() + "_stderr," + filter, "N/A");
            }
            ObjectNode better = higherIsBetter.has(m.name()) ? (ObjectNode) higherIsBetter.get(m.name())
                    : higherIsBetter.putObject(m.name());
            better.put(m.metric(), true);
        }
        groupResults.properties().forEach(e -> results.set(e.getKey(), e.getValue().deepCopy()));
        if (!groups.isEmpty()) {
            root.set("groups", groupResults);
        }
        ObjectNode subtasks = root.putObject("group_subtasks");
        groups.forEach((g, members) -> {
            ArrayNode list = subtasks.putArray(g);
            members.forEach(list::add);
        });
        for (TaskFacts task : tasks) {
            if (groups.values().stream().noneMatch(members -> members.contains(task.task()))) {
                subtasks.putArray(task.task());
            }
        }
        ObjectNode configs = root.putObject("configs");
        ObjectNode versions = root.putObject("versions");
        ObjectNode nShot = root.putObject("n-shot");
        ObjectNode nSamples = root.putObject("n-samples");
        for (TaskFacts task : tasks) {
            ObjectNode config = configs.putObject(task.task());
            config.put("task", task.task());
            config.put("repeats", task.repeats());
            config.put("output_type", "generate_until");
            ArrayNode metricList = config.putArray("metric_list");
            metrics.stream().filter(m -> m.scope().equals("task") && m.name().equals(task.task()))
                    .map(MetricRow::metric).distinct()
                    .forEach(metric -> metricList.addObject().put("metric", metric).put("aggregation", "mean")
                            .put("higher_is_better", true));
            ArrayNode filters = config.putArray("filter_list");
            filters.addObject().put("name", task.filterKey());
            versions.putNull(task.task());
            nShot.put(task.task(), 0);
            nSamples.putObject(task.task()).put("original", task.documents()).put("effective", task.documents());
        }
        root.set("higher_is_better", higherIsBetter);
        ObjectNode config = root.putObject("config");
        config.put("model", "evalbatch");
        config.put("model_args", "run=" + runId + ",job=" + jobName);
        config.put("evalbatch_run", runId);
        config.put("evalbatch_job", jobName);
        root.put("date", createdAt.getEpochSecond() + createdAt.getNano() / 1e9);
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        out.flush();
    }

    /** A group's filter key: its tasks' one when they share it, else lm-eval's "none". */
    private static String groupFilter(List<String> members, Map<String, TaskFacts> tasks) {
        if (members == null) {
            return "none";
        }
        List<String> keys = members.stream().map(tasks::get).filter(Objects::nonNull).map(TaskFacts::filterKey)
                .distinct().toList();
        return keys.size() == 1 ? keys.get(0) : "none";
    }
}
