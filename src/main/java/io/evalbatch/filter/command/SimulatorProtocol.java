package io.evalbatch.filter.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.evalbatch.filter.ErrorCause;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Version 1 of the JSON-lines protocol between evalbatch and a simulator: the request for a
 * sample, and the checks a reply must pass to count. Documented in the README; a later version
 * only adds keys.
 */
final class SimulatorProtocol {

    static final int VERSION = 1;
    private static final Set<String> OUTCOMES = Set.of("passed", "failed", "timed_out", "error");

    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonNode parameters;

    SimulatorProtocol(Map<String, Object> parameters) {
        this.parameters = json.valueToTree(parameters);
    }

    String request(Sample sample) {
        ObjectNode request = json.createObjectNode();
        request.put("protocol", VERSION);
        request.put("id", sample.sampleId());
        request.put("run_id", sample.runId());
        request.put("sample_id", sample.sampleId());
        request.put("task", sample.task());
        request.put("doc_id", sample.docId());
        request.put("repeat_index", sample.repeatIndex());
        request.set("doc", document(sample));
        request.put("prompt", sample.prompt());
        request.put("response", sample.response());
        request.put("target", sample.test());
        request.set("parameters", parameters);
        return json.writeValueAsString(request);
    }

    /** The lm-eval dataset row when the input has one; otherwise the problem's fields. */
    private JsonNode document(Sample sample) {
        if (sample.doc() != null) {
            return json.readTree(sample.doc());
        }
        ObjectNode doc = json.createObjectNode();
        doc.put("task_id", sample.docId());
        doc.put("prompt", sample.prompt());
        doc.put("test", sample.test());
        doc.put("entry_point", sample.entryPoint());
        return doc;
    }

    /** Reads a reply to the request for {@code sampleId}. */
    FilterResult reply(long sampleId, String line) throws SimulatorFailure {
        JsonNode reply;
        try {
            reply = json.readTree(line);
        } catch (JacksonException e) {
            throw garbage(line, "not JSON");
        }
        if (reply == null || !reply.isObject()) {
            throw garbage(line, "not a JSON object");
        }
        JsonNode id = reply.get("id");
        if (id == null || !id.isIntegralNumber() || id.longValue() != sampleId) {
            throw garbage(line, "its id is not " + sampleId + ", the sample asked for");
        }
        JsonNode outcomeNode = reply.get("outcome");
        if (outcomeNode == null || !outcomeNode.isString() || !OUTCOMES.contains(outcomeNode.stringValue())) {
            throw garbage(line, "outcome must be one of passed, failed, timed_out, error");
        }
        Outcome outcome = Outcome.valueOf(outcomeNode.stringValue().toUpperCase());
        double score = outcome == Outcome.PASSED ? 1.0 : 0.0;
        JsonNode scoreNode = reply.get("score");
        if (scoreNode != null && !scoreNode.isNull()) {
            if (!scoreNode.isNumber() || !Double.isFinite(scoreNode.doubleValue())) {
                throw garbage(line, "score must be a finite number");
            }
            score = scoreNode.doubleValue();
        }
        JsonNode detail = reply.get("detail");
        if (detail != null && !detail.isNull() && !detail.isString()) {
            throw garbage(line, "detail must be a string");
        }
        String text = detail == null || detail.isNull() ? null : detail.stringValue();
        if (outcome == Outcome.ERROR) {
            return FilterResult.error(ErrorCause.SIMULATOR, text);
        }
        return new FilterResult(outcome, score, null, text, fields(reply.get("fields"), line));
    }

    /** Named numbers and strings; a null value is the same as an absent field. */
    private Map<String, Object> fields(JsonNode node, String line) throws SimulatorFailure {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return fields;
        }
        if (!node.isObject()) {
            throw garbage(line, "fields must be an object of numbers and strings");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (field.getKey().isEmpty()) {
                throw garbage(line, "a field has an empty name");
            } else if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                fields.put(field.getKey(), value.numberValue());
            } else if (value.isString()) {
                fields.put(field.getKey(), value.stringValue());
            } else if (!value.isNull()) {
                throw garbage(line, "field '" + field.getKey() + "' must be a number or a string");
            }
        }
        return fields;
    }

    private static SimulatorFailure garbage(String line, String reason) {
        String shown = line.length() > 200 ? line.substring(0, 200) + "..." : line;
        return new SimulatorFailure("garbage reply (" + reason + "): " + shown);
    }
}
