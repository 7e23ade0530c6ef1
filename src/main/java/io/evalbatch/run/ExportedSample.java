package io.evalbatch.run;

/**
 * A sample with everything an export into another tool's format needs: what was scored (prompt,
 * response, test or target, the document) and how ({@code outcome} null while not scored).
 */
public record ExportedSample(long sampleId, String task, String docId, int repeatIndex, String prompt, String response,
                             String test, String doc, String outcome, Double score, String answer, String detail,
                             Long durationMs, Long cpuMs, String fields) {
}
