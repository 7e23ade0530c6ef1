package io.evalbatch.metrics;

import org.springframework.stereotype.Component;

/**
 * {@code exact-match: true}: the fraction of a document's samples whose extracted answer equals
 * the target. The exact-match filter passes a sample exactly then, so it is the share passed; it
 * needs a filter that extracts answers, so that the job says what it compares.
 */
@Component
final class ExactMatchMetric implements MetricProvider {

    @Override
    public String key() {
        return "exact-match";
    }

    @Override
    public boolean takesK() {
        return false;
    }

    @Override
    public String name(int k) {
        return "exact_match";
    }

    @Override
    public boolean needsAnswers() {
        return true;
    }

    @Override
    public double value(int k, DocumentOutcomes document) {
        return (double) document.passed() / document.samples();
    }
}
