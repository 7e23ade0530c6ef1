package io.evalbatch.simulate;

/**
 * A row of {@code result}; {@code fields} is the JSON object of the filter's named fields, or null;
 * {@code cacheKey} the sample's key when later runs may reuse this result, else null.
 */
record SampleResult(String runId, long sampleId, String task, String docId, int repeatIndex, String outcome, double score, String answer, String detail,
                    long durationMs, String fields, String cacheKey) {
}
