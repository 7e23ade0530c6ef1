package io.evalbatch.ingest;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.filter.Sample;
import tools.jackson.databind.JsonNode;

/**
 * One lm-evaluation-harness {@code --log_samples} line: a document whose request was answered n
 * times. {@code filtered_resps[0]} holds the n responses after the task's filter (for code tasks
 * the full program up to the tests), {@code target} what checks them.
 */
final class LmEvalLineParser implements LineParser {

    private final String runId;
    private final String task;

    LmEvalLineParser(String runId, String task) {
        this.runId = runId;
        this.task = task;
    }

    @Override
    public List<Sample> parse(JsonFields line, long firstId) {
        String docId = line.id("doc_id");
        requireListOfLists(line, "resps");
        JsonNode filtered = requireListOfLists(line, "filtered_resps");
        JsonNode target = line.field("target");
        String test = target.isString() ? target.stringValue() : target.toString();
        if (filtered.size() != 1) {
            throw line.invalid("field 'filtered_resps' must hold the responses of exactly one request, found "
                    + filtered.size());
        }
        JsonNode responses = filtered.get(0);
        if (responses.isEmpty()) {
            throw line.invalid("field 'filtered_resps' holds no response");
        }
        List<Sample> samples = new ArrayList<>(responses.size());
        for (int i = 0; i < responses.size(); i++) {
            JsonNode response = responses.get(i);
            if (!response.isString()) {
                throw line.invalid("filtered_resps[0][" + i + "] must be a string, found " + JsonFields.describe(response));
            }
            samples.add(new Sample(runId, firstId + i, task, docId, i, line.file(), line.line(),
                    "", response.stringValue(), test, null));
        }
        return samples;
    }

    private static JsonNode requireListOfLists(JsonFields line, String field) {
        JsonNode value = line.field(field);
        if (!value.isArray()) {
            throw line.invalid("field '" + field + "' must be a list of lists, found " + JsonFields.describe(value));
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isArray()) {
                throw line.invalid("field '" + field + "' must be a list of lists, but element " + i + " is "
                        + JsonFields.describe(value.get(i)));
            }
        }
        return value;
    }
}
