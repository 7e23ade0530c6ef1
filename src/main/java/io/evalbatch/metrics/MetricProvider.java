package io.evalbatch.metrics;

import io.evalbatch.definition.MetricSelection;

/**
 * One kind of metric a job can select in its metrics section, computed per document from the
 * document's outcomes and then averaged over documents, per task and group. A kind either takes
 * a flag ({@code mean: true}) or a list of k ({@code pass-at-k: [1, 10]}), and names each metric
 * it stores ({@code mean}, {@code pass@10}). Each kind is a Spring component of its own; the
 * {@link MetricCatalog} finds them all, so adding one touches nothing else.
 */
@io.evalbatch.plugin.Api
public interface MetricProvider {

    /** The key that selects it in the job's metrics section. */
    String key();

    /** Whether it is selected by a list of k; otherwise by true or false. */
    boolean takesK();

    /** What a job whose metrics section leaves the key out gets. */
    default MetricSelection byDefault() {
        return takesK() ? MetricSelection.of(java.util.List.of()) : MetricSelection.of(false);
    }

    /** The stored name of its metric for k (for a kind without k, k is 0). */
    String name(int k);

    /**
     * Where its metrics are listed, lowest first; metrics of equal place are listed by k, then
     * by name. Those without a k of their own, and the field metrics, are at {@link #OTHERS}.
     */
    default int place() {
        return OTHERS;
    }

    int OTHERS = 50;

    /** Samples a document needs to have a value: k for a kind that takes k, else 1. */
    default int samplesNeeded(int k) {
        return takesK() ? k : 1;
    }

    /** Whether its values need the answers a filter extracts (exact match, majority vote). */
    default boolean needsAnswers() {
        return false;
    }

    /** Whether its values need the mean of the filter's scores. */
    default boolean needsScores() {
        return false;
    }

    /** The document's value for k; called only for documents with {@link #samplesNeeded} samples. */
    double value(int k, DocumentOutcomes document);
}
