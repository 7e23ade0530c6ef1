package io.evalbatch.definition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics derived from the stored results. Every metric is first a value per document and then a
 * mean over documents, per task and per group.
 *
 * @param passAtK    the k of pass@k (unbiased estimator of Chen et al. 2021)
 * @param mean       mean of passed: the fraction of a document's samples that passed (accuracy)
 * @param score      mean of the filters' scores, for filters that grade partially
 * @param exactMatch fraction of samples whose extracted answer equals the target
 * @param majAtK     the k of maj@k: whether the most frequent answer among a document's first k
 *                   samples is correct
 * @param fields     metrics over named fields the filter returned with each result
 * @param bootstrap  how bootstrap standard errors are drawn
 * @param groups     named sets of tasks, reported as a whole
 * @param lowerIsBetter fields whose metrics are better when lower (a cost, a latency), so that
 *                   exports that say which way is better say so
 */
public record MetricsSpec(List<Integer> passAtK, boolean mean, boolean score, boolean exactMatch,
                          List<Integer> majAtK, List<FieldMetric> fields, Bootstrap bootstrap,
                          Map<String, List<String>> groups, List<String> lowerIsBetter) {

    public MetricsSpec(List<Integer> passAtK, boolean mean, boolean score, boolean exactMatch, List<Integer> majAtK,
                       List<FieldMetric> fields, Bootstrap bootstrap, Map<String, List<String>> groups) {
        this(passAtK, mean, score, exactMatch, majAtK, fields, bootstrap, groups, List.of());
    }

    public MetricsSpec {
        lowerIsBetter = List.copyOf(lowerIsBetter);
        passAtK = List.copyOf(passAtK);
        majAtK = List.copyOf(majAtK);
        fields = List.copyOf(fields);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        groups.forEach((name, tasks) -> copy.put(name, List.copyOf(tasks)));
        groups = Collections.unmodifiableMap(copy);
    }

    /**
     * @param iterations resamples of the documents; 0 turns the bootstrap off
     * @param seed       seed of the resampling, so that the same results give the same errors
     */
    public record Bootstrap(int iterations, long seed) {
        public static final Bootstrap DEFAULT = new Bootstrap(1000, 1234);
    }

    /** Stored names of the metrics without a k. */
    public static final String MEAN = "mean";
    public static final String SCORE = "score";
    public static final String EXACT_MATCH = "exact_match";

    public static final MetricsSpec DEFAULT = new MetricsSpec(List.of(1), true, false, false, List.of(), List.of(),
            Bootstrap.DEFAULT, Map.of());

    /** The names of the metrics selected, as stored: pass@k by k, then the others. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        passAtK.forEach(k -> names.add(passAtKName(k)));
        if (mean) {
            names.add(MEAN);
        }
        if (score) {
            names.add(SCORE);
        }
        if (exactMatch) {
            names.add(EXACT_MATCH);
        }
        majAtK.forEach(k -> names.add(majAtKName(k)));
        fields.forEach(f -> names.add(f.name()));
        return names;
    }

    /** Whether a stored metric is better when higher: all are, but those of lower-is-better fields. */
    public boolean higherIsBetter(String metric) {
        return fields.stream().noneMatch(f -> f.name().equals(metric) && lowerIsBetter.contains(f.field()));
    }

    /** Metrics that need at least k samples per document, by stored name. */
    public Map<String, Integer> samplesNeeded() {
        Map<String, Integer> needed = new LinkedHashMap<>();
        passAtK.forEach(k -> needed.put(passAtKName(k), k));
        majAtK.forEach(k -> needed.put(majAtKName(k), k));
        fields.stream().filter(f -> f.k() > 0).forEach(f -> needed.put(f.name(), f.k()));
        return needed;
    }

    /** Whether a metric needs the answers a filter extracts. */
    public boolean needsAnswers() {
        return exactMatch || !majAtK.isEmpty();
    }

    public static String passAtKName(int k) {
        return "pass@" + k;
    }

    public static String majAtKName(int k) {
        return "maj@" + k;
    }
}
