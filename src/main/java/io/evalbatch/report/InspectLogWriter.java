package io.evalbatch.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.evalbatch.metrics.MetricRow;
import io.evalbatch.report.RunOverview;
import io.evalbatch.report.SampleDetail;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a run as an Inspect log that {@code inspect view} opens: {@code .eval} (a ZIP of
 * header.json, samples/&lt;id&gt;_epoch_&lt;n&gt;.json, summaries.json and reductions.json, deflated) or
 * {@code .json} (one object). Each evalbatch sample is an Inspect sample whose epoch is its repeat
 * + 1, with the score {@code evalbatch} ("C" when passed, else "I"; a judge's verdict as its value;
 * NaN, Inspect's unscored, when the judge gave none; its answer and detail as the
 * answer and explanation), and the run's metrics as that scorer's metrics.
 */
public final class InspectLogWriter {

    private static final String SCORER = "evalbatch";

    /** Inspect writes the NaN of an unscored sample as a bare constant, which its reader takes back. */
    private final JsonMapper json = JsonMapper.builder()
            .disable(tools.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    /** The run's samples, handed one by one to the consumer given. */
    public interface Samples {
        void each(Consumer<SampleDetail> consumer);
    }

    /**
     * @param tasks the run's tasks: with one, the log is that task's; with several, sample ids are
     *              prefixed with their task
     */
    public void write(Path target, RunOverview run, List<MetricRow> metrics, Set<String> tasks, Samples samples)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            if (target.getFileName().toString().endsWith(".json")) {
                try (JsonGenerator generator = json.createGenerator(out)) {
                    writeJson(generator, run, metrics, tasks, samples);
                }
            } else {
                writeEval(out, run, metrics, tasks, samples);
            }
        }
    }

    /** The .json form, to a text stream such as standard output. */
    public void writeJson(java.io.Writer out, RunOverview run, List<MetricRow> metrics, Set<String> tasks,
                          Samples samples) {
        try (JsonGenerator generator = json.createGenerator(out)) {
            writeJson(generator, run, metrics, tasks, samples);
        }
    }

    private void writeEval(OutputStream out, RunOverview run, List<MetricRow> metrics, Set<String> tasks,
                           Samples samples) throws IOException {
        Map<String, List<Double>> reduced = new LinkedHashMap<>();
        List<ObjectNode> summaries = new ArrayList<>();
        try (ZipArchiveOutputStream archive = new ZipArchiveOutputStream(out)) {
            samples.each(s -> {
                ObjectNode sample = sample(s, tasks, reduced);
                summaries.add(summary(sample));
                entry(archive, "samples/" + fileId(sample.get("id")) + "_epoch_" + sample.get("epoch").intValue()
                        + ".json", sample);
            });
            ArrayNode summaryList = json.createArrayNode();
            summaries.forEach(summaryList::add);
            entry(archive, "summaries.json", summaryList);
            entry(archive, "reductions.json", reductions(reduced));
            entry(archive, "header.json", header(run, metrics, tasks));
        }
    }

    /** Header fields first, then the samples one at a time, then the reductions. */
    private void writeJson(JsonGenerator generator, RunOverview run, List<MetricRow> metrics, Set<String> tasks,
                           Samples samples) {
        Map<String, List<Double>> reduced = new LinkedHashMap<>();
        generator.writeStartObject();
        for (Map.Entry<String, JsonNode> field : header(run, metrics, tasks).properties()) {
            generator.writeName(field.getKey());
            json.writeTree(generator, field.getValue());
        }
        generator.writeName("samples");
        generator.writeStartArray();
        samples.each(s -> json.writeTree(generator, sample(s, tasks, reduced)));
        generator.writeEndArray();
        generator.writeName("reductions");
        json.writeTree(generator, reductions(reduced));
        generator.writeEndObject();
    }

    private ObjectNode header(RunOverview run, List<MetricRow> metrics, Set<String> tasks) {
        String task = tasks.size() == 1 ? tasks.iterator().next() : run.job();
        ObjectNode log = json.createObjectNode();
        log.put("version", 2);
        log.put("status", "COMPLETED".equals(run.status()) ? "success" : "error");
        ObjectNode eval = log.putObject("eval");
        eval.put("eval_id", "evalbatch-" + run.runId());
        eval.put("run_id", run.runId());
        eval.put("created", timestamp(run.createdAt()));
        eval.put("task", task);
        eval.put("task_id", run.runId() + "-" + task);
        eval.put("task_version", 0);
        eval.putObject("task_attribs");
        eval.putObject("task_args");
        eval.putObject("task_args_passed");
        ObjectNode dataset = eval.putObject("dataset");
        dataset.put("name", run.job());
        dataset.put("samples", run.samples());
        eval.put("model", "none/none");
        eval.putObject("model_generate_config");
        eval.putObject("model_args");
        eval.putObject("config");
        eval.putObject("packages").put("evalbatch", version());
        ObjectNode scorer = eval.putArray("scorers").addObject();
        scorer.put("name", SCORER);
        scorer.putObject("options");
        scorer.putArray("metrics");
        scorer.putObject("metadata");
        ObjectNode plan = log.putObject("plan");
        plan.put("name", "plan");
        plan.putArray("steps");
        plan.putObject("config");
        ObjectNode results = log.putObject("results");
        results.put("total_samples", run.samples());
        results.put("completed_samples", run.results() - errors(metrics));
        ObjectNode score = results.putArray("scores").addObject();
        score.put("name", SCORER);
        score.put("scorer", SCORER);
        score.putObject("params");
        ObjectNode values = score.putObject("metrics");
        for (MetricRow m : metrics) {
            if (!m.scope().equals("task") || m.value() == null || !(tasks.size() == 1 || m.name().equals(task))) {
                continue;
            }
            String prefix = tasks.size() == 1 ? "" : m.name() + "/";
            metric(values, prefix + m.metric(), m.value());
            if (m.stderr() != null) {
                metric(values, prefix + m.metric() + "_stderr", m.stderr());
            }
        }
        ObjectNode stats = log.putObject("stats");
        stats.put("started_at", timestamp(run.startedAt()));
        stats.put("completed_at", timestamp(run.endedAt()));
        stats.putObject("model_usage");
        stats.putObject("role_usage");
        stats.putArray("connection_limit_history");
        log.put("invalidated", false);
        log.putArray("tags").add("evalbatch");
        ObjectNode metadata = log.putObject("metadata");
        metadata.put("evalbatch_run", run.runId());
        metadata.put("evalbatch_job", run.job());
        return log;
    }

    /** Samples the scorer could not score: Inspect does not count them as completed. */
    private static long errors(List<MetricRow> metrics) {
        Map<String, Long> byTask = new java.util.TreeMap<>();
        metrics.stream().filter(m -> m.scope().equals("task")).forEach(m -> byTask.merge(m.name(), m.errors(), Math::max));
        return byTask.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void metric(ObjectNode values, String name, double value) {
        ObjectNode metric = values.putObject(name);
        metric.put("name", name);
        metric.put("value", value);
        metric.putObject("params");
    }

    private ObjectNode sample(SampleDetail d, Set<String> tasks, Map<String, List<Double>> reduced) {
        var s = d.sample();
        JsonNode doc = s.doc() == null ? json.createObjectNode() : json.readTree(s.doc());
        ObjectNode sample = json.createObjectNode();
        JsonNode id = tasks.size() == 1 && s.docId().matches("\\d{1,18}")
                ? json.getNodeFactory().numberNode(Long.parseLong(s.docId()))
                : json.getNodeFactory().stringNode(tasks.size() == 1 ? s.docId() : s.task() + "/" + s.docId());
        sample.set("id", id);
        sample.put("epoch", s.repeatIndex() + 1);
        sample.set("input", doc.path("input").isString() || doc.path("input").isArray() ? doc.get("input")
                : json.getNodeFactory().stringNode(s.prompt() == null ? "" : s.prompt()));
        sample.set("target", doc.path("target").isString() || doc.path("target").isArray() ? doc.get("target")
                : json.getNodeFactory().stringNode(s.test() == null ? "" : s.test()));
        sample.putArray("messages");
        ObjectNode output = sample.putObject("output");
        output.put("model", "none/none");
        ObjectNode message = output.putArray("choices").addObject().putObject("message");
        message.put("role", "assistant");
        message.put("content", s.response());
        message.put("source", "generate");
        ((ObjectNode) output.get("choices").get(0)).put("stop_reason", "stop");
        output.put("completion", s.response());
        if ("error".equals(d.outcome())) {
            // Unscored, as Inspect leaves a sample whose scoring raised: no score, the reason as its error.
            String reason = d.detail() == null ? "the scorer failed" : d.detail();
            sample.putObject("error").put("message", reason).put("traceback", reason).put("traceback_ansi", reason);
        } else if (d.outcome() != null) {
            boolean passed = d.outcome().equals("passed");
            boolean unrated = d.outcome().equals("unrated");
            ObjectNode score = sample.putObject("scores").putObject(SCORER);
            // A judge's verdict is its value (a rating of 7, a grade's 0.5); other outcomes pass or fail.
            Double value = d.score();
            boolean graded = value != null && value != 1.0 && value != 0.0 && !unrated;
            if (unrated) {
                // Inspect's Score.unscored: kept, left out of metrics and reductions.
                score.put("value", Double.NaN);
            } else if (graded) {
                score.put("value", value);
            } else {
                score.put("value", passed ? "C" : "I");
            }
            if (d.answer() != null) {
                score.put("answer", d.answer());
            }
            if (d.detail() != null) {
                score.put("explanation", d.detail());
            }
            score.putArray("history");
            if (!unrated) {
                reduced.computeIfAbsent(id.asString(), k -> new ArrayList<>()).add(graded ? value : passed ? 1.0 : 0.0);
            }
        }
        ObjectNode metadata = sample.putObject("metadata");
        if (doc.path("metadata").isObject()) {
            metadata.setAll((ObjectNode) doc.get("metadata"));
        }
        metadata.put("evalbatch_task", s.task());
        metadata.put("evalbatch_outcome", d.outcome());
        if (d.score() != null) {
            metadata.put("evalbatch_score", d.score());
        }
        if (d.durationMs() != null) {
            metadata.put("evalbatch_duration_ms", d.durationMs());
        }
        if (d.cpuMs() != null) {
            metadata.put("evalbatch_cpu_ms", d.cpuMs());
        }
        if (d.fields() != null) {
            metadata.set("evalbatch_fields", json.readTree(d.fields()));
        }
        sample.putObject("store");
        sample.putArray("events");
        sample.putObject("model_usage");
        sample.putObject("role_usage");
        sample.putObject("attachments");
        return sample;
    }

    private ObjectNode summary(ObjectNode sample) {
        ObjectNode summary = json.createObjectNode();
        for (String field : List.of("id", "epoch", "input", "target", "metadata", "model_usage", "role_usage")) {
            summary.set(field, sample.get(field));
        }
        if (sample.has("scores")) {
            summary.set("scores", sample.get("scores"));
        }
        if (sample.has("error")) {
            summary.put("error", sample.get("error").get("message").asString());
        }
        summary.put("completed", sample.has("scores"));
        return summary;
    }

    /** Inspect's default reduction of a sample's epochs: their mean. */
    private ArrayNode reductions(Map<String, List<Double>> reduced) {
        ArrayNode reductions = json.createArrayNode();
        ObjectNode reduction = reductions.addObject();
        reduction.put("scorer", SCORER);
        reduction.put("reducer", "mean");
        ArrayNode samples = reduction.putArray("samples");
        reduced.forEach((id, values) -> {
            ObjectNode score = samples.addObject();
            score.put("value", values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
            score.putArray("history");
            if (id.matches("\\d{1,18}")) {
                score.put("sample_id", Long.parseLong(id));
            } else {
                score.put("sample_id", id);
            }
        });
        return reductions;
    }

    private void entry(ZipArchiveOutputStream archive, String name, JsonNode content) {
        try {
            archive.putArchiveEntry(new ZipArchiveEntry(name));
            archive.write(json.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
            archive.closeArchiveEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Inspect's file names: a sample id with characters a path cannot hold replaced. */
    private static String fileId(JsonNode id) {
        return id.asString().replaceAll("[/\\\\:*?\"<>|]", "_");
    }

    private static String timestamp(@Nullable Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String version() {
        String version = InspectLogWriter.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
