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
     * fewer than k samples to vote). Values are compared with the target as texts, both trimmed;
     * a sample without the field never matches.
     */
    private static Double fieldValue(FieldMetric metric, DocumentOutcomes doc) {
        FieldValues values = doc.fields().get(metric.field());
        switch (metric.aggregate()) {
            case MEAN:
                return values.numbers() == 0 ? null : values.sum() / values.numbers();
            case SUM:
                return values.numbers() == 0 ? null : values.sum();
            default:
                break;
        }
        String target = doc.target() == null ? null : doc.target().strip();
        List<String> texts = values.texts().stream().map(t -> t == null ? null : t.strip()).toList();
        List<Boolean> correct = texts.stream().map(t -> t != null && t.equals(target)).toList();
        if (metric.aggregate() == FieldMetric.Aggregate.EXACT_MATCH) {
            return correct.stream().filter(c -> c).count() / (double) texts.size();
        }
        return texts.size() < metric.k() ? null : MajorityVote.of(texts, correct, metric.k());
    }

    private static DocumentMetric metric(DocumentOutcomes doc, String name, double value) {
        return new DocumentMetric(doc.runId(), doc.task(), doc.docId(), name, value, doc.samples());
    }
}
