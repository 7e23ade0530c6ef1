/**
 * Metrics derived from stored results: per-document outcomes read with SQL, pass@k, means, field
 * aggregates, majority vote, closed-form and bootstrap standard errors, groups, and the comparison
 * of two runs.
 */
package io.evalbatch.metrics;
