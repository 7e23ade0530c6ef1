package io.evalbatch.simulate;

/** A row of {@code result}. */
record SampleResult(String runId, long sampleId, String outcome, double score, String answer, String detail,
                    long durationMs) {
}
