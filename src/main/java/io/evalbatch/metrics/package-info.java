/**
 * Metrics derived from stored results: the metric catalog and its kinds (one
 * {@link io.evalbatch.metrics.MetricProvider} each: pass@k, pass^k, mean, score, exact match,
 * maj@k), field aggregates, per-document outcomes read with SQL, closed-form and bootstrap
 * standard errors, groups, and the comparison of two runs.
 */
package io.evalbatch.metrics;
