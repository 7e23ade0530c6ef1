package io.evalbatch.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What lm-evaluation-harness said about the evaluation that wrote a samples log, read from the
 * {@code results_<date>.json} it writes beside {@code samples_<task>_<date>.jsonl}: the model
 * and, per task, its version, few-shot count and document count. Exports of a run that rescored
 * such a log carry these over instead of guessing them.
 *
 * @param tasks     per task of the logs that have a results file
 * @param model     lm-eval's {@code config.model} (its model type, "hf" say); null without one
 * @param modelArgs lm-eval's {@code config.model_args}, as it wrote them; null without one
 * @param modelName lm-eval's {@code model_name}; null without one
 * @param ignored   results files that were there but could not be read: "file: reason"
 */
public record LmEvalOrigin(Map<String, Task> tasks, String model, String modelArgs, String modelName,
                           List<String> ignored) {

    public LmEvalOrigin {
        tasks = Map.copyOf(tasks);
        ignored = List.copyOf(ignored);
    }

    /**
     * @param version         {@code versions[task]} as text; null when absent
     * @param fewShot         {@code n-shot[task]}; null when absent
     * @param originalSamples {@code n-samples[task].original}: documents of the whole split; null when absent
     */
    public record Task(String version, Integer fewShot, Long originalSamples) {
    }

    /** Reads the results files beside the given samples logs; logs without one contribute nothing. */
    public static LmEvalOrigin of(List<Path> samplesFiles, JsonMapper json) {
        Map<String, Task> tasks = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        String model = null;
        String modelArgs = null;
        String modelName = null;
        for (Path samples : samplesFiles) {
            // lm-eval writes both files of one evaluation with the same date
            Matcher m = TaskNames.lmEvalLog(samples);
            if (!m.matches()) {
                continue;
            }
            Path results = samples.resolveSibling("results_" + m.group(2) + ".json");
            if (!Files.isRegularFile(results)) {
                continue;
            }
            JsonNode root;
            try {
                root = json.readTree(Files.readString(results));
            } catch (IOException | JacksonException e) {
                ignored.add(results + ": not readable as JSON (" + firstLine(e.getMessage()) + ")");
                continue;
            }
            if (root == null || !root.isObject()) {
                ignored.add(results + ": not a JSON object");
                continue;
            }
            String task = m.group(1);
            tasks.put(task, new Task(text(root.path("versions").path(task)), integer(root.path("n-shot").path(task)),
                    whole(root.path("n-samples").path(task).path("original"))));
            model = first(model, text(root.path("config").path("model")));
            modelArgs = first(modelArgs, text(root.path("config").path("model_args")));
            modelName = first(modelName, text(root.path("model_name")));
        }
        return new LmEvalOrigin(tasks, model, modelArgs, modelName, ignored);
    }

    private static String first(String kept, String candidate) {
        return kept != null ? kept : candidate;
    }

    private static String text(JsonNode node) {
        if (node.isString()) {
            return node.stringValue();
        }
        return node.isNumber() ? node.asString() : null;
    }

    private static Integer integer(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
    }

    private static Long whole(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
