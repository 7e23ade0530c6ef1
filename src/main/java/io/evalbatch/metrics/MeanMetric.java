package io.evalbatch.metrics;

import io.evalbatch.definition.MetricSelection;
import org.springframework.stereotype.Component;

/** {@code mean: true} (the default): the fraction of a document's samples that passed, accuracy. */
@Component
final class MeanMetric implements MetricProvider {

    @Override
    public String key() {
        return "mean";
    }

    @Override
    public boolean takesK() {
        return false;
    }

    @Override
    public MetricSelection byDefault() {
        return MetricSelection.of(true);
    }

    @Override
    public String name(int k) {
        return "mean";
    }

    @Override
    public double value(int k, DocumentOutcomes document) {
        return (double) document.passed() / document.samples();
    }
}
