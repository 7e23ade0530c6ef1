package io.evalbatch.metrics;

import org.springframework.stereotype.Component;

/** {@code pass-at-k: [1, 10]}: the probability that at least one of k samples passes ({@link PassAtK}). */
@Component
final class PassAtKMetric implements MetricProvider {

    @Override
    public String key() {
        return "pass-at-k";
    }

    @Override
    public boolean takesK() {
        return true;
    }

    @Override
    public String name(int k) {
        return PassAtK.name(k);
    }

    @Override
    public int place() {
        return 10;
    }

    @Override
    public double value(int k, DocumentOutcomes document) {
        return PassAtK.estimate(document.samples(), document.passed(), k);
    }
}
