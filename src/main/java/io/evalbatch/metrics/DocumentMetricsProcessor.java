package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.definition.FieldMetric;
import io.evalbatch.definition.MetricsSpec;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Derives a document's metric values from its outcome counts. pass@k and maj@k are left out for a
 * document with fewer than k samples; the task then reports them as not computable.
 */
final class DocumentMetricsProcessor implements ItemProcessor<DocumentOutcomes, List<DocumentMetric>> {

    private final MetricsSpec metrics;

    DocumentMetricsProcessor(MetricsSpec metrics) {
        this.metrics = metrics;
    }

    @Override
    public List<DocumentMetric> process(DocumentOutcomes doc) {
        List<DocumentMetric> values = new ArrayList<>();
        int n = doc.samples();
        for (int k : metrics.passAtK()) {
            if (n >= k) {
                values.add(metric(doc, MetricsSpec.passAtKName(k), PassAtK.estimate(n, doc.passed(), k)));
            }
        }
        if (metrics.mean()) {
            values.add(metric(doc, MetricsSpec.MEAN, (double) doc.passed() / n));
        }
        if (metrics.score()) {
            values.add(metric(doc, MetricsSpec.SCORE, doc.meanScore()));
        }
        if (metrics.exactMatch()) {
            // The exact-match filter passes a sample exactly when its answer matches the target.
            values.add(metric(doc, MetricsSpec.EXACT_MATCH, (double) doc.passed() / n));
        }
        for (int k : metrics.majAtK()) {
            if (n >= k) {
                values.add(metric(doc, MetricsSpec.majAtKName(k), MajorityVote.of(doc.answers(), doc.correct(), k)));
            }
        }
        for (FieldMetric field : metrics.fields()) {
            Double value = fieldValue(field, doc);
            if (value != null) {
                values.add(metric(doc, field.name(), value));
            }
        }
        return values;
    }

    /**
     * A document's value of a field metric; null when it has none (no numeric value to average,
     * fewer than k samples to vote).
     */
    private static Double fieldValue(FieldMetric metric, DocumentOutcomes doc) {
        FieldValues values = doc.fields().get(metric.field());
        return switch (metric.aggregate()) {
            case MEAN -> values.numbers() == 0 ? null : values.sum() / values.numbers();
            case SUM -> values.numbers() == 0 ? null : values.sum();
            case EXACT_MATCH -> values.matches().stream().filter(m -> m).count() / (double) values.matches().size();
            case MAJORITY -> values.texts().size() < metric.k() ? null
                    : MajorityVote.of(values.texts(), values.matches(), metric.k());
        };
    }

    private static DocumentMetric metric(DocumentOutcomes doc, String name, double value) {
        return new DocumentMetric(doc.runId(), doc.task(), doc.docId(), name, value, doc.samples());
    }
}
