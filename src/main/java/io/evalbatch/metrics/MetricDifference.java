package io.evalbatch.metrics;

/**
 * How run A differs from run B on one metric of one task, over the documents both runs have.
 *
 * @param documents     documents both runs have a value for
 * @param valueA        mean of A over those documents
 * @param valueB        mean of B over those documents
 * @param difference    valueA - valueB
 * @param stderr        paired standard error: sample standard deviation of the per-document
 *                      differences over sqrt(documents); null for one document
 * @param intervalLow   2.5th percentile of the bootstrap distribution of the difference; null
 *                      without bootstrap
 * @param intervalHigh  97.5th percentile of it
 */
public record MetricDifference(String task, String metric, long documents, double valueA, double valueB,
                               double difference, Double stderr, Double intervalLow, Double intervalHigh) {
}
