package io.evalbatch.simulate;

/** A row of {@code result}. */
record SampleResult(String runId, long sampleId, String task, String docId, int repeatIndex, String outcome, double score, String answer, String detail,
                    long durationMs) {
}
