package io.evalbatch.metrics;

/**
 * A row of {@code metric}: one metric of one task (or group) of a run.
 *
 * @param value  null when the metric could not be computed; {@code note} says why
 * @param weighting        "documents" for tasks; for groups "documents" (size-weighted) or "tasks"
 * @param stderr           closed-form standard error over documents (sample standard deviation /
 *                         sqrt(n)); null for one document
 * @param bootstrapStderr  bootstrap standard error; null when the bootstrap is off
 * @param n                documents the value is taken over
 * @param samples          samples of those documents
 * @param errors           samples of the task the scorer could not score (outcome error), left out of
 *                         the value; 0 on group rows
 */
public record MetricRow(String runId, String scope, String name, String metric, String weighting, Double value,
                        Double stderr, Double bootstrapStderr, long n, Long samples, String note, long errors) {
}
