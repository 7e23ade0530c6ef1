package io.evalbatch.ingest;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.filter.Sample;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A MultiPL-E completions record: one problem ({@code name}, {@code language}, {@code prompt},
 * {@code tests}, {@code stop_tokens}) with its {@code completions}, each a sample of the problem.
 * The program MultiPL-E runs is prompt + completion + "\n" + tests; the language and the stop
 * tokens travel in the sample's doc, for the filter that builds and runs it.
 */
final class MultiplELineParser implements LineParser {

    private final String runId;
    private final String task;
    private final ObjectMapper json;

    /** @param task the job's task name for this file, or null for "multipl-e-<language>" */
    MultiplELineParser(String runId, String task, ObjectMapper json) {
        this.runId = runId;
        this.task = task;
        this.json = json;
    }

    @Override
    public List<Sample> parse(JsonFields record, long firstId) {
        String name = record.id("name");
        String language = record.text("language");
        String prompt = record.text("prompt");
        String tests = record.text("tests");
        JsonNode stopTokens = record.node().path("stop_tokens");
        if (!stopTokens.isMissingNode() && !stopTokens.isArray()) {
            throw record.invalid("field 'stop_tokens' must be a list of strings, found " + JsonFields.describe(stopTokens));
        }
        JsonNode completions = record.field("completions");
        if (!completions.isArray() || completions.isEmpty()) {
            throw record.invalid("field 'completions' must be a non-empty list of completions, found "
                    + JsonFields.describe(completions));
        }
        ObjectNode doc = json.createObjectNode();
        doc.put("name", name);
        doc.put("language", language);
        doc.set("stop_tokens", stopTokens.isMissingNode() ? json.createArrayNode() : stopTokens);
        List<Sample> samples = new ArrayList<>(completions.size());
        for (int i = 0; i < completions.size(); i++) {
            JsonNode completion = completions.get(i);
            if (!completion.isString()) {
                throw record.invalid("completions[" + i + "] must be a string, found " + JsonFields.describe(completion));
            }
            samples.add(new Sample(runId, firstId + i, task != null ? task : "multipl-e-" + language, name, i,
                    record.file(), record.line(), prompt, completion.stringValue(), tests, null, null, doc.toString()));
        }
        return samples;
    }
}
