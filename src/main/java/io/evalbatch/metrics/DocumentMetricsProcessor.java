package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.definition.MetricsSpec;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Derives a document's metric values from its outcome counts. pass@k is left out for a document
 * with fewer than k samples; the task then reports it as not computable.
 */
final class DocumentMetricsProcessor implements ItemProcessor<DocumentOutcomes, List<DocumentMetric>> {

    static final String MEAN = "mean";

    private final MetricsSpec metrics;

    DocumentMetricsProcessor(MetricsSpec metrics) {
        this.metrics = metrics;
    }

    @Override
    public List<DocumentMetric> process(DocumentOutcomes doc) {
        List<DocumentMetric> values = new ArrayList<>();
        for (int k : metrics.passAtK()) {
            if (doc.samples() >= k) {
                values.add(metric(doc, PassAtK.name(k), PassAtK.estimate(doc.samples(), doc.passed(), k)));
            }
        }
        if (metrics.mean()) {
            values.add(metric(doc, MEAN, (double) doc.passed() / doc.samples()));
        }
        return values;
    }

    private static DocumentMetric metric(DocumentOutcomes doc, String name, double value) {
        return new DocumentMetric(doc.runId(), doc.task(), doc.docId(), name, value, doc.samples());
    }
}
