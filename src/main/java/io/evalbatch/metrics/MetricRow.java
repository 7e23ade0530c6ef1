package io.evalbatch.metrics;

/**
 * A row of {@code metric}: one metric of one task (or group) of a run.
 *
 * @param value  null when the metric could not be computed; {@code note} says why
 * @param stderr standard error over documents (sample standard deviation / sqrt(n)); null for one document
 * @param n      documents the value is taken over
 */
public record MetricRow(String runId, String scope, String name, String metric, Double value, Double stderr,
                        long n, String note) {
}
