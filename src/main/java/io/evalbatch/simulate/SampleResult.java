package io.evalbatch.simulate;

/**
 * A row of {@code result}; {@code fields} is the JSON object of the filter's named fields, or null;
 * {@code cpuMs} and {@code cpuLimitMs} the CPU time the sample used and was allowed, or null when
 * the filter does not measure it; {@code cacheKey} the sample's key when later runs may reuse this
 * result, else null.
 */
record SampleResult(String runId, long sampleId, String task, String docId, int repeatIndex, String outcome,
                    double score, String answer, String detail, long durationMs, Long cpuMs, Long cpuLimitMs,
                    String fields, String cacheKey) {
}
