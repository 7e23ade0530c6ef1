package io.evalbatch.metrics;

/** A row of {@code document_metric}. */
record DocumentMetric(String runId, String task, String docId, String metric, double value, int samples) {
}
