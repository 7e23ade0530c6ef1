package io.evalbatch.report;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.ingest.LmEvalOrigin;
import io.evalbatch.metrics.MetricRow;
import io.evalbatch.metrics.TaskFacts;
import io.evalbatch.report.RunOverview;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One or more runs' metrics shaped like the {@code results_<date>.json} of lm-evaluation-harness,
 * with the keys its readers use ({@code make_table}, its evaluation tracker, leaderboards):
 * {@code results} → task → {@code name}, {@code alias}, {@code sample_len} and
 * {@code "<metric>,<filter>"} / {@code "<metric>_stderr,<filter>"} (the closed-form error, as
 * lm-eval reports for means); {@code groups} and {@code group_subtasks}; {@code configs},
 * {@code versions}, {@code n-shot}, {@code higher_is_better}, {@code n-samples}; {@code config}
 * with {@code model} and {@code model_args}; {@code model_name}, {@code date},
 * {@code start_time}, {@code end_time} and {@code total_evaluation_time_seconds}.
 *
 * <p>Several runs of one task with different lm-eval filters (gsm8k's strict-match and
 * flexible-extract, each scored by its own job) become one entry, as lm-eval writes them. Where
 * the scored log has lm-eval's own results file beside it, the model, the task versions, few-shot
 * counts and split sizes come from there; otherwise the model name is the run label (else the run
 * id) and a task's version the job's {@code version:} (else the filter's name and version).
 * Metrics that could not be computed are left out, as lm-eval does. A task with samples the scorer
 * could not score has their count in {@code n-samples} → task → {@code errors}, a key lm-eval does
 * not write: its values are over the scored samples only.
 */
public final class LmEvalResults {

    /** What lm-eval's {@code sanitize_model_name} replaces, so that the name is a directory name. */
    private static final java.util.regex.Pattern UNSAFE = java.util.regex.Pattern.compile("[\"<>:/|\\\\?*\\[\\]]+");
    /** lm-eval's {@code datetime.now().isoformat().replace(":", "-")}, which its readers sort as text. */
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSSSSS");

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * One run to export.
     *
     * @param filterVersion the version of the filter that scored it, one short line
     * @param toolchain     what the filter ran programs with (interpreter, its build), possibly several
     *                      lines; empty when nothing
     */
    public record Run(RunOverview overview, JobDefinition definition, String filterVersion, String toolchain,
                      List<MetricRow> metrics,
                      List<TaskFacts> tasks) {
    }

    /**
     * The export.
     *
     * @param modelDirectory the model name made safe for a directory name, as lm-eval makes it
     * @param fileName       {@code results_<date>.json}, the date the end of the latest run
     */
    public record Export(String text, String modelName, String modelDirectory, String fileName) {
    }

    /**
     * @throws IllegalArgumentException when the runs cannot be one export: two labels, or one task
     *                                  and filter in two runs
     */
    public Export export(List<Run> runs, LmEvalOrigin origin) {
        String label = label(runs);
        String modelName = label != null ? label : origin.modelName() != null ? origin.modelName()
                : String.join(",", runs.stream().map(r -> r.overview().runId()).toList());
        ObjectNode root = json.createObjectNode();
        ObjectNode results = root.putObject("results");
        ObjectNode groupResults = json.createObjectNode();
        ObjectNode higherIsBetter = json.createObjectNode();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, TaskFacts> facts = new LinkedHashMap<>();
        Map<String, Run> taskRun = new LinkedHashMap<>();
        Map<String, List<String>> filters = new LinkedHashMap<>();
        Map<String, String> metricOwner = new TreeMap<>();
        for (Run run : runs) {
            run.definition().metrics().groups().forEach(groups::putIfAbsent);
            for (TaskFacts task : run.tasks()) {
                facts.putIfAbsent(task.task(), task);
                taskRun.putIfAbsent(task.task(), run);
                List<String> keys = filters.computeIfAbsent(task.task(), t -> new ArrayList<>());
                if (!keys.contains(task.filterKey())) {
                    keys.add(task.filterKey());
                }
            }
        }
        facts.forEach((task, f) -> entry(results, task, f.documents()));
        groups.forEach((group, members) -> entry(groupResults, group, members.stream().map(facts::get)
                .filter(Objects::nonNull).mapToLong(TaskFacts::documents).sum()));
        for (Run run : runs) {
            Map<String, TaskFacts> own = new LinkedHashMap<>();
            run.tasks().forEach(t -> own.put(t.task(), t));
            for (MetricRow m : run.metrics()) {
                if (m.value() == null || !m.weighting().equals("documents")) {
                    continue;
                }
                boolean group = m.scope().equals("group");
                String filter = group ? groupFilter(run.definition().metrics().groups().get(m.name()), own)
                        : Objects.requireNonNull(own.get(m.name()), "a task row of a task the run has").filterKey();
                ObjectNode row = (ObjectNode) (group ? groupResults : results).get(m.name());
                if (row == null) {
                    continue;
                }
                String key = m.metric() + "," + filter;
                String previous = metricOwner.putIfAbsent(m.name() + " " + key, run.overview().runId());
                if (previous != null) {
                    throw new IllegalArgumentException("runs " + previous + " and " + run.overview().runId()
                            + " both hold " + m.name() + " " + key + ": export them one at a time");
                }
                row.put(key, m.value());
                if (m.stderr() != null) {
                    row.put(m.metric() + "_stderr," + filter, m.stderr());
                } else {
                    row.put(m.metric() + "_stderr," + filter, "N/A");
                }
                ObjectNode better = higherIsBetter.has(m.name()) ? (ObjectNode) higherIsBetter.get(m.name())
                        : higherIsBetter.putObject(m.name());
                better.put(m.metric(), run.definition().metrics().higherIsBetter(m.metric()));
            }
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
        for (String task : facts.keySet()) {
            if (groups.values().stream().noneMatch(members -> members.contains(task))) {
                subtasks.putArray(task);
            }
        }
        ObjectNode configs = root.putObject("configs");
        ObjectNode versions = root.putObject("versions");
        ObjectNode nShot = root.putObject("n-shot");
        ObjectNode nSamples = root.putObject("n-samples");
        Map<String, String> toolchains = new TreeMap<>();
        for (TaskFacts task : facts.values()) {
            Run run = Objects.requireNonNull(taskRun.get(task.task()), "every task comes from a run");
            LmEvalOrigin.Task known = origin.tasks().get(task.task());
            ObjectNode config = configs.putObject(task.task());
            config.put("task", task.task());
            config.put("repeats", task.repeats());
            config.put("output_type", "generate_until");
            if (known != null && known.fewShot() != null) {
                config.put("num_fewshot", known.fewShot());
                nShot.put(task.task(), known.fewShot());
            }
            ArrayNode metricList = config.putArray("metric_list");
            runs.stream().flatMap(r -> r.metrics().stream())
                    .filter(m -> m.scope().equals("task") && m.name().equals(task.task()))
                    .map(MetricRow::metric).distinct()
                    .forEach(metric -> metricList.addObject().put("metric", metric).put("aggregation", "mean")
                            .put("higher_is_better", run.definition().metrics().higherIsBetter(metric)));
            ArrayNode filterList = config.putArray("filter_list");
            Objects.requireNonNull(filters.get(task.task()), "every task has its filters").forEach(f ->
                    filterList.addObject().put("name", f));
            String version = version(run, known);
            config.putObject("metadata").put("version", version);
            versions.put(task.task(), version);
            if (!run.toolchain().isEmpty()) {
                toolchains.put(task.task(), run.toolchain());
            }
            long original = known != null && known.originalSamples() != null ? known.originalSamples() : task.documents();
            ObjectNode counts = nSamples.putObject(task.task()).put("original", original)
                    .put("effective", task.documents());
            // Samples the scorer could not score are left out of the values above; a reader must see them.
            long errors = run.metrics().stream().filter(m -> m.scope().equals("task") && m.name().equals(task.task()))
                    .mapToLong(MetricRow::errors).max().orElse(0);
            if (errors > 0) {
                counts.put("errors", errors);
            }
        }
        root.set("higher_is_better", higherIsBetter);
        Instant start = runs.stream().map(r -> r.overview().startedAt()).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(runs.get(0).overview().createdAt());
        Instant end = runs.stream().map(r -> r.overview().endedAt()).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(start);
        ObjectNode config = root.putObject("config");
        config.put("model", origin.model() != null ? origin.model() : "evalbatch");
        config.put("model_args", origin.modelArgs() != null ? origin.modelArgs() : "model=" + modelName);
        config.put("bootstrap_iters", runs.get(0).definition().metrics().bootstrap().iterations());
        config.putNull("limit");
        ArrayNode ids = config.putArray("evalbatch_runs");
        runs.forEach(r -> ids.add(r.overview().runId()));
        ArrayNode jobs = config.putArray("evalbatch_jobs");
        runs.stream().map(r -> r.overview().job()).distinct().forEach(jobs::add);
        if (label != null) {
            config.put("evalbatch_label", label);
        }
        // make_table prints versions in a table cell; what ran the programs, paths and builds, goes here
        ObjectNode toolchain = config.putObject("evalbatch_toolchain");
        toolchains.forEach(toolchain::put);
        root.put("date", seconds(start));
        root.put("model_source", origin.model() != null ? origin.model() : "evalbatch");
        root.put("model_name", modelName);
        String directory = UNSAFE.matcher(modelName).replaceAll("__");
        root.put("model_name_sanitized", directory);
        root.put("start_time", seconds(start));
        root.put("end_time", seconds(end));
        root.put("total_evaluation_time_seconds", Double.toString(seconds(end) - seconds(start)));
        String fileName = "results_" + LocalDateTime.ofInstant(end, ZoneId.systemDefault()).format(FILE_DATE) + ".json";
        return new Export(json.writerWithDefaultPrettyPrinter().writeValueAsString(root), modelName, directory,
                fileName);
    }

    private void entry(ObjectNode parent, String name, long documents) {
        parent.putObject(name).put("name", name).put("alias", name).put("sample_len", documents);
    }

    /** The label the runs share; null when none has one. */
    private static @Nullable String label(List<Run> runs) {
        List<String> labels = runs.stream().map(r -> r.definition().label()).filter(Objects::nonNull).distinct().toList();
        if (labels.size() > 1) {
            throw new IllegalArgumentException("the runs are labelled " + String.join(" and ", labels.stream()
                    .map(l -> "'" + l + "'").toList()) + ": one export holds the results of one model");
        }
        return labels.isEmpty() ? null : labels.get(0);
    }

    /** The job's version, else lm-eval's for the task it rescored, else what scored it. */
    private static String version(Run run, LmEvalOrigin.@Nullable Task known) {
        if (run.definition().version() != null) {
            return run.definition().version();
        }
        if (known != null && known.version() != null) {
            return known.version();
        }
        return run.definition().filter().name() + "-" + run.filterVersion();
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    /** A group's filter key: its tasks' one when they share it, else lm-eval's "none". */
    private static String groupFilter(@Nullable List<String> members, Map<String, TaskFacts> tasks) {
        if (members == null) {
            return "none";
        }
        List<String> keys = members.stream().map(tasks::get).filter(Objects::nonNull).map(TaskFacts::filterKey)
                .distinct().toList();
        return keys.size() == 1 ? keys.get(0) : "none";
    }
}
