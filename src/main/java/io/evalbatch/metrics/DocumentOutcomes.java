package io.evalbatch.metrics;

/** What the stored results say of one document: n samples, c of them passed, their mean score. */
record DocumentOutcomes(String runId, String task, String docId, int samples, int passed, double meanScore) {
}
