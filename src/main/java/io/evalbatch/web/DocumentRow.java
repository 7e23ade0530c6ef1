package io.evalbatch.web;

import java.util.Map;

/**
 * One document of a run in the grouped grid: its n samples, the c that passed, and pass@k for the
 * k the run's job asks for (the unbiased estimator, as the metrics use it; absent where n < k).
 */
public record DocumentRow(String task, String docId, int n, int c, Map<String, Double> passAtK, long firstSample) {
}
