package io.evalbatch.ingest;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.filter.Sample;
import tools.jackson.databind.JsonNode;

/**
 * One document of a bigcode generations file: its generations (the prompt included) are its
 * samples, each checked by the document's reference, as bigcode-evaluation-harness runs
 * {@code generation + "\n" + reference}. Documents are numbered 0, 1, ... in dataset order.
 */
final class BigcodeLineParser implements LineParser {

    private final String runId;
    private final String task;

    BigcodeLineParser(String runId, String task) {
        this.runId = runId;
        this.task = task;
    }

    @Override
    public List<Sample> parse(JsonFields document, long firstId) {
        JsonNode generations = document.node().get("generations");
        JsonNode reference = document.node().get("reference");
        if (!generations.isArray()) {
            throw document.invalid("document " + document.line() + " must be an array of generations, found "
                    + JsonFields.describe(generations));
        }
        if (!reference.isString()) {
            throw document.invalid("the reference of document " + document.line() + " must be a string, found "
                    + JsonFields.describe(reference));
        }
        List<Sample> samples = new ArrayList<>(generations.size());
        for (int i = 0; i < generations.size(); i++) {
            if (!generations.get(i).isString()) {
                throw document.invalid("generation " + i + " of document " + document.line() + " must be a string, found "
                        + JsonFields.describe(generations.get(i)));
            }
            samples.add(new Sample(runId, firstId + i, task, Long.toString(document.line() - 1), i, document.file(),
                    document.line(), "", generations.get(i).stringValue(), reference.stringValue(), null, null));
        }
        return samples;
    }
}
