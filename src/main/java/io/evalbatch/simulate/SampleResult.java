package io.evalbatch.simulate;

import org.jspecify.annotations.Nullable;

/**
 * A row of {@code result}; {@code fields} is the JSON object of the filter's named fields, or null;
 * {@code cpuMs} and {@code cpuLimitMs} the CPU time the sample used and was allowed, or null when
 * the filter does not measure it; {@code cacheKey} the sample's key when later runs may reuse this
 * result, else null.
 */
record SampleResult(String runId, long sampleId, String task, String docId, int repeatIndex, String outcome,
                    double score, @Nullable String answer, @Nullable String detail, long durationMs,
                    @Nullable Long cpuMs, @Nullable Long cpuLimitMs, @Nullable String fields, @Nullable String cacheKey) {
}
