package io.evalbatch.filter;

import org.jspecify.annotations.Nullable;

/**
 * One response to score, as ingested.
 *
 * @param sampleId    position of the sample in the run (0, 1, ...), in input order
 * @param task        task the document belongs to
 * @param docId       document (problem) within the task
 * @param repeatIndex which of the document's responses this is
 * @param sourceFile  input file it came from
 * @param sourceLine  line of that file (1-based)
 * @param prompt      text the response continues; empty when the response already contains it
 * @param response    the model's output
 * @param test        what checks the response (unit tests for code tasks, the target otherwise)
 * @param entryPoint  function the tests call ({@code check(entry_point)}); null when {@code test}
 *                    already calls it, as in lm-eval targets
 * @param filterKey   the lm-eval filter that produced the response ("create_test"); null otherwise
 * @param doc         the dataset row an lm-eval line carries, as JSON text; null for other inputs
 */
@io.evalbatch.plugin.Api
public record Sample(String runId, long sampleId, String task, String docId, int repeatIndex,
                     String sourceFile, long sourceLine, String prompt, String response, String test,
                     @Nullable String entryPoint, @Nullable String filterKey, @Nullable String doc) {

    /** A sample without a dataset row, as human-eval input gives. */
    public Sample(String runId, long sampleId, String task, String docId, int repeatIndex, String sourceFile,
                  long sourceLine, String prompt, String response, String test, @Nullable String entryPoint,
                  @Nullable String filterKey) {
        this(runId, sampleId, task, docId, repeatIndex, sourceFile, sourceLine, prompt, response, test, entryPoint,
                filterKey, null);
    }

    /** The first sample of this sample's problem with another response, such as its reference solution. */
    public Sample answeredBy(String other) {
        return new Sample(runId, sampleId, task, docId, 0, sourceFile, sourceLine, prompt, other, test, entryPoint,
                filterKey, doc);
    }
}
