package io.evalbatch.metrics;

import org.springframework.stereotype.Component;

/** {@code maj-at-k: [1, 8]}: whether the most frequent of the first k answers is correct ({@link MajorityVote}). */
@Component
final class MajAtKMetric implements MetricProvider {

    @Override
    public String key() {
        return "maj-at-k";
    }

    @Override
    public boolean takesK() {
        return true;
    }

    @Override
    public String name(int k) {
        return "maj@" + k;
    }

    @Override
    public int place() {
        return 90;
    }

    @Override
    public boolean needsAnswers() {
        return true;
    }

    @Override
    public double value(int k, DocumentOutcomes document) {
        return MajorityVote.of(document.answers(), document.correct(), k);
    }
}
