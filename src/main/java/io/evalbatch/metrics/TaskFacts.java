package io.evalbatch.metrics;

/**
 * What a run holds of one task, for reports that describe the task beside its metrics.
 *
 * @param filterKey the lm-eval filter its responses came from; "none" when the input had none
 * @param repeats   the most samples any document has
 */
public record TaskFacts(String task, String filterKey, long documents, long samples, int repeats) {
}
