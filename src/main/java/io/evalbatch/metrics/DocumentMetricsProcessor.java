package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.definition.FieldMetric;
import io.evalbatch.definition.MetricsSpec;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Derives a document's metric values from its outcomes, by each selected kind of the
 * {@link MetricCatalog} and each field metric. A metric that needs k samples is left out for a
 * document with fewer; the task then reports it as not computable.
 */
final class DocumentMetricsProcessor implements ItemProcessor<DocumentOutcomes, List<DocumentMetric>> {

    private final MetricsSpec metrics;
    private final List<MetricCatalog.Selected> selected;

    DocumentMetricsProcessor(MetricsSpec metrics, MetricCatalog catalog) {
        this.metrics = metrics;
        this.selected = catalog.selected(metrics);
    }

    @Override
    public List<DocumentMetric> process(DocumentOutcomes doc) {
        List<DocumentMetric> values = new ArrayList<>();
        int n = doc.samples();
        for (MetricCatalog.Selected metric : selected) {
            if (n >= metric.provider().samplesNeeded(metric.k())) {
                values.add(metric(doc, metric.name(), metric.provider().value(metric.k(), doc)));
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
            // n: the samples with a number; c: those whose number is 1.
            case PASS_AT_K -> values.numbers() < metric.k() ? null
                    : PassAtK.estimate(values.numbers(), values.ones(), metric.k());
        };
    }

    private static DocumentMetric metric(DocumentOutcomes doc, String name, double value) {
        return new DocumentMetric(doc.runId(), doc.task(), doc.docId(), name, value, doc.samples());
    }
}
