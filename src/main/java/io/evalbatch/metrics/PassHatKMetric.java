package io.evalbatch.metrics;

import org.springframework.stereotype.Component;

/**
 * {@code pass-hat-k: [1, 4]}: pass^k, the probability that all of k samples drawn without
 * replacement from a document's n pass, as τ-bench reports consistency. Unbiased estimator
 * {@code C(c, k) / C(n, k)}, computed as {@code prod((c - i) / (n - i) for i in 0..k-1)}; 0 when
 * fewer than k passed. pass^1 equals pass@1; for k > 1 it falls as pass@k rises.
 */
@Component
final class PassHatKMetric implements MetricProvider {

    @Override
    public String key() {
        return "pass-hat-k";
    }

    @Override
    public boolean takesK() {
        return true;
    }

    @Override
    public String name(int k) {
        return "pass^" + k;
    }

    /** Right after pass@k, which it is read against. */
    @Override
    public int place() {
        return 20;
    }

    @Override
    public double value(int k, DocumentOutcomes document) {
        int n = document.samples();
        int c = document.passed();
        if (k <= 0 || n < k || c < 0 || c > n) {
            throw new IllegalArgumentException("pass^k needs 0 < k <= n and 0 <= c <= n: n=" + n + " c=" + c
                    + " k=" + k);
        }
        double allPass = 1.0;
        for (int i = 0; i < k; i++) {
            allPass *= (double) (c - i) / (n - i);
        }
        return Math.max(allPass, 0.0);
    }
}
