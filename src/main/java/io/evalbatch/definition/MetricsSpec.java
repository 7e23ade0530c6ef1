package io.evalbatch.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics derived from the stored results. Every metric is first a value per document and then a
 * mean over documents, per task and per group.
 *
 * @param selections the metric kinds the job selects, by their key in the job file
 *                   ({@code pass-at-k}, {@code mean}, ...); the metric catalog knows each key's
 *                   metric, its default and its form, and checks them
 * @param fields     metrics over named fields the filter returned with each result
 * @param bootstrap  how bootstrap standard errors are drawn
 * @param groups     named sets of tasks, reported as a whole
 * @param lowerIsBetter fields whose metrics are better when lower (a cost, a latency), so that
 *                   exports that say which way is better say so
 */
public record MetricsSpec(Map<String, MetricSelection> selections, List<FieldMetric> fields, Bootstrap bootstrap,
                          Map<String, List<String>> groups, List<String> lowerIsBetter) {

    public MetricsSpec(Map<String, MetricSelection> selections, List<FieldMetric> fields, Bootstrap bootstrap,
                       Map<String, List<String>> groups) {
        this(selections, fields, bootstrap, groups, List.of());
    }

    public MetricsSpec {
        selections = Collections.unmodifiableMap(new LinkedHashMap<>(selections));
        lowerIsBetter = List.copyOf(lowerIsBetter);
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

    /** The metrics of a job without a metrics section: pass@1 and mean. */
    public static final MetricsSpec DEFAULT = new MetricsSpec(Map.of(), List.of(), Bootstrap.DEFAULT, Map.of())
            .with("pass-at-k", MetricSelection.of(List.of(1))).with("mean", MetricSelection.of(true));

    /** The same metrics with one more kind selected, or one selected otherwise. */
    public MetricsSpec with(String key, MetricSelection selection) {
        Map<String, MetricSelection> replaced = new LinkedHashMap<>(selections);
        replaced.put(key, selection);
        return new MetricsSpec(replaced, fields, bootstrap, groups, lowerIsBetter);
    }

    /** Whether a stored metric is better when higher: all are, but those of lower-is-better fields. */
    public boolean higherIsBetter(String metric) {
        return fields.stream().noneMatch(f -> f.name().equals(metric) && lowerIsBetter.contains(f.field()));
    }
}
