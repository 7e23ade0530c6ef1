package io.evalbatch.ingest;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.filter.Sample;
import tools.jackson.databind.JsonNode;

/**
 * One lm-evaluation-harness {@code --log_samples} line: a document whose request was answered n
 * times. {@code filtered_resps[0]} holds the n responses after the task's filter (for code tasks
 * the full program up to the tests), or the one response when the filter kept one
 * ({@code take_first}); {@code target} is what checks them. A log holds the lines of every filter
 * of the task; one filter is read, the one chosen in the job definition or else the only one.
 */
final class LmEvalLineParser implements LineParser {

    private final String runId;
    private final String task;
    private final String chosenFilter;
    /** Where the responses are read from: filtered_resps, or resps for the raw ones. */
    private final String field;
    private String firstFilter;

    /** @param chosenFilter the lm-eval filter whose lines are read; null reads a log of one filter */
    LmEvalLineParser(String runId, String task, String chosenFilter) {
        this(runId, task, chosenFilter, false);
    }

    /**
     * @param raw read the model's responses as generated ({@code resps}) instead of as lm-eval's
     *            filter left them ({@code filtered_resps})
     */
    LmEvalLineParser(String runId, String task, String chosenFilter, boolean raw) {
        this.runId = runId;
        this.task = task;
        this.chosenFilter = chosenFilter;
        this.field = raw ? "resps" : "filtered_resps";
    }

    @Override
    public List<Sample> parse(JsonFields line, long firstId) {
        String filterKey = filterKey(line);
        if (chosenFilter != null && !chosenFilter.equals(filterKey)) {
            return List.of();
        }
        String docId = line.id("doc_id");
        JsonNode resps = requireList(line, "resps");
        for (int i = 0; i < resps.size(); i++) {
            // lm-eval logs one list of generations per request, even for a single generation.
            if (!resps.get(i).isArray()) {
                throw line.invalid("field 'resps' must be a list of lists of responses, found "
                        + JsonFields.describe(resps.get(i)) + " at resps[" + i + "]");
            }
        }
        JsonNode filtered = requireList(line, field);
        JsonNode target = line.field("target");
        String test = target.isString() ? target.stringValue() : target.toString();
        JsonNode docNode = line.node().get("doc");
        String doc = docNode == null || docNode.isNull() ? null : docNode.toString();
        if (filtered.size() != 1) {
            throw line.invalid("field '" + field + "' must hold the responses of exactly one request, found "
                    + filtered.size());
        }
        JsonNode responses = filtered.get(0);
        if (responses.isString()) {
            return List.of(new Sample(runId, firstId, task, docId, 0, line.file(), line.line(),
                    "", responses.stringValue(), test, null, filterKey, doc));
        }
        if (!responses.isArray()) {
            throw line.invalid(field + "[0] must be a response or a list of responses, found "
                    + JsonFields.describe(responses));
        }
        if (responses.isEmpty()) {
            throw line.invalid("field '" + field + "' holds no response");
        }
        List<Sample> samples = new ArrayList<>(responses.size());
        for (int i = 0; i < responses.size(); i++) {
            JsonNode response = responses.get(i);
            if (!response.isString()) {
                throw line.invalid(field + "[0][" + i + "] must be a string, found " + JsonFields.describe(response));
            }
            samples.add(new Sample(runId, firstId + i, task, docId, i, line.file(), line.line(),
                    "", response.stringValue(), test, null, filterKey, doc));
        }
        return samples;
    }

    /** The line's lm-eval filter; a second filter in one log is an error unless one was chosen. */
    private String filterKey(JsonFields line) {
        JsonNode value = line.node().get("filter");
        String key = value == null || value.isNull() ? null : value.asString();
        if (chosenFilter == null) {
            if (firstFilter == null) {
                firstFilter = key;
            } else if (key != null && !key.equals(firstFilter)) {
                throw line.invalid("holds responses of the lm-eval filter '" + key + "' after those of '" + firstFilter
                        + "'; choose one with input.filter in the job definition");
            }
        }
        return key;
    }

    private static JsonNode requireList(JsonFields line, String field) {
        JsonNode value = line.field(field);
        if (!value.isArray()) {
            throw line.invalid("field '" + field + "' must be a list, found " + JsonFields.describe(value));
        }
        return value;
    }
}
