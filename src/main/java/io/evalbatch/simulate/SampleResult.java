package io.evalbatch.simulate;

/** A row of {@code result}; {@code fields} is the JSON object of the filter's named fields, or null. */
record SampleResult(String runId, long sampleId, String task, String docId, int repeatIndex, String outcome, double score, String answer, String detail,
                    long durationMs, String fields) {
}
