package io.evalbatch.ingest;

import io.evalbatch.plugin.Api;
import org.jspecify.annotations.Nullable;

/**
 * One sample as an input file holds it, before the run numbers it: the document it answers, which
 * of that document's responses it is, and what scores it.
 *
 * @param line       where the file holds it (1-based), for messages and the results' source; 0 for none
 * @param task       the benchmark it belongs to; the job's {@code input.task}, when set, replaces it
 * @param docId      the document (problem) within the task
 * @param repeat     which of the document's responses it is, from 0
 * @param prompt     the text the response continues; empty when the response stands alone
 * @param response   the model's output
 * @param test       what the filter checks the response against (tests, a target, a scenario)
 * @param entryPoint the function the tests call, for the {@code python} filter; null otherwise
 * @param doc        the document as a JSON object, which filters and templates may read; null for none
 */
@Api
public record SampleRecord(long line, String task, String docId, int repeat, String prompt, String response,
                           String test, @Nullable String entryPoint, @Nullable String doc) {

    /** A record without an entry point or a document. */
    public SampleRecord(long line, String task, String docId, int repeat, String prompt, String response,
                        String test) {
        this(line, task, docId, repeat, prompt, response, test, null, null);
    }
}
