package io.evalbatch.ingest;

import java.util.List;

import io.evalbatch.filter.Sample;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sample of an Inspect log: its response is the output's completion (the text of the first
 * choice's message), its target what the response is checked against, and its input, target,
 * metadata, choices and the scores Inspect gave (kept to compare with) its document. One sample
 * per (sample id, epoch); the task is the log's unless the job names one.
 */
final class InspectLineParser implements LineParser {

    private final String runId;
    private final String task;
    private final ObjectMapper json;

    /** @param task the job's task name for this file, or null for the log's own */
    InspectLineParser(String runId, String task, ObjectMapper json) {
        this.runId = runId;
        this.task = task;
        this.json = json;
    }

    @Override
    public List<Sample> parse(JsonFields record, long firstId) {
        JsonNode eval = record.node().get("eval");
        JsonFields sample = new JsonFields(record.file(), record.line(), record.node().get("sample"));
        JsonNode id = sample.field("id");
        if (!id.isString() && !id.isIntegralNumber()) {
            throw sample.invalid("field 'id' must be a string or an integer, found " + JsonFields.describe(id));
        }
        JsonNode epoch = sample.field("epoch");
        if (!epoch.isIntegralNumber() || epoch.intValue() < 1) {
            throw sample.invalid("field 'epoch' must be a positive integer, found " + JsonFields.describe(epoch));
        }
        String taskName = task != null ? task : eval.path("task").isString() ? eval.get("task").stringValue() : "inspect";
        ObjectNode doc = json.createObjectNode();
        doc.set("id", id);
        doc.set("epoch", epoch);
        for (String field : List.of("input", "target", "metadata", "choices", "scores")) {
            JsonNode value = sample.node().get(field);
            if (value != null && !value.isNull()) {
                doc.set(field, value);
            }
        }
        doc.put("model", eval.path("model").asString(""));
        return List.of(new Sample(runId, firstId, taskName, id.asString(), epoch.intValue() - 1, record.file(),
                record.line(), "", completion(sample), target(sample.node().get("target")), null, null,
                doc.toString()));
    }

    /** ModelOutput.completion: the first choice's message text; text parts joined when it has several. */
    private static String completion(JsonFields sample) {
        JsonNode output = sample.node().path("output");
        if (output.path("completion").isString()) {
            return output.get("completion").stringValue();
        }
        JsonNode content = output.path("choices").path(0).path("message").path("content");
        if (content.isString()) {
            return content.stringValue();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("type").asString("text").equals("text") && part.path("text").isString()) {
                    text.append(part.get("text").stringValue());
                }
            }
            return text.toString();
        }
        if (output.isMissingNode() || output.path("choices").isEmpty()) {
            // a sample that errored or was cancelled before the model answered
            return "";
        }
        throw sample.invalid("output.choices[0].message.content must be text or a list of content parts, found "
                + JsonFields.describe(content));
    }

    /** A target list (several acceptable answers) is kept as its JSON text. */
    private static String target(JsonNode target) {
        if (target == null || target.isNull()) {
            return "";
        }
        if (target.isString()) {
            return target.stringValue();
        }
        if (target.isArray() && target.size() == 1 && target.get(0).isString()) {
            return target.get(0).stringValue();
        }
        return target.toString();
    }
}
