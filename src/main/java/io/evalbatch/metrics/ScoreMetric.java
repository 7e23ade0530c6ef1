package io.evalbatch.metrics;

import org.springframework.stereotype.Component;

/** {@code score: true}: the mean of the filter's scores, for filters that grade partially. */
@Component
final class ScoreMetric implements MetricProvider {

    @Override
    public String key() {
        return "score";
    }

    @Override
    public boolean takesK() {
        return false;
    }

    @Override
    public String name(int k) {
        return "score";
    }

    @Override
    public boolean needsScores() {
        return true;
    }

    @Override
    public double value(int k, DocumentOutcomes document) {
        return document.meanScore();
    }
}
