package io.evalbatch.definition;

import java.util.List;

/**
 * Metrics derived from the stored results.
 *
 * @param passAtK the k of pass@k (unbiased estimator of Chen et al. 2021)
 * @param mean    whether to report the mean of passed, taken over documents
 */
public record MetricsSpec(List<Integer> passAtK, boolean mean) {

    public MetricsSpec {
        passAtK = List.copyOf(passAtK);
    }

    public static final MetricsSpec DEFAULT = new MetricsSpec(List.of(1), true);
}
