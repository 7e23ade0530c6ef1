package io.evalbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.evalbatch.definition.FieldMetric;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.definition.MetricSelection;
import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.support.RunQueries;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {

    private final MetricCatalog catalog = new MetricCatalog(List.of(new MajAtKMetric(), new MeanMetric(),
            new ExactMatchMetric(), new ScoreMetric(), new PassAtKMetric()));

    private static MetricsSpec metrics(Map<String, MetricSelection> selections, FieldMetric... fields) {
        return new MetricsSpec(selections, List.of(fields), MetricsSpec.Bootstrap.DEFAULT, Map.of());
    }

    @Test
    void selectionsNameTheirMetricsInCatalogOrderWithDefaultsForKeysLeftOut() {
        MetricsSpec full = metrics(Map.of("maj-at-k", MetricSelection.of(List.of(8, 1)),
                "pass-at-k", MetricSelection.of(List.of(10, 1)), "score", MetricSelection.of(true),
                "exact-match", MetricSelection.of(true), "mean", MetricSelection.of(false)));
        // pass@k (place 10) by k; then exact_match, mean, score by key at place 50; maj@k (90) by k
        assertThat(catalog.names(full)).containsExactly("pass@1", "pass@10", "exact_match", "score", "maj@1", "maj@8");
        // a k of 1 needs no more than every document has
        assertThat(catalog.samplesNeeded(full)).containsExactly(Map.entry("pass@10", 10), Map.entry("maj@8", 8));
        assertThat(catalog.needsAnswers(full)).isTrue();
        assertThat(catalog.needsScores(full)).isTrue();
        assertThat(catalog.ks(full, "pass-at-k")).containsExactly(1, 10);

        // mean is on unless a job turns it off; the others are off unless selected
        MetricsSpec bare = metrics(Map.of("pass-at-k", MetricSelection.of(List.of(1))),
                FieldMetric.parse("answer", "maj@4"));
        assertThat(catalog.names(bare)).containsExactly("pass@1", "mean", "answer:maj@4");
        assertThat(catalog.samplesNeeded(bare)).containsExactly(Map.entry("answer:maj@4", 4));
        assertThat(catalog.needsAnswers(bare)).isFalse();
        assertThat(catalog.needsScores(bare)).isFalse();
        assertThat(catalog.withDefaults(bare).selections()).containsExactly(
                Map.entry("pass-at-k", MetricSelection.of(List.of(1))), Map.entry("exact-match", MetricSelection.of(false)),
                Map.entry("mean", MetricSelection.of(true)), Map.entry("score", MetricSelection.of(false)),
                Map.entry("maj-at-k", MetricSelection.of(List.of())));
        assertThat(catalog.names(catalog.withDefaults(bare))).isEqualTo(catalog.names(bare));
    }

    @Test
    void unknownKeysWrongFormsAndNoMetricAtAllAreRefusedEachOnItsOwnLine() {
        assertThatThrownBy(() -> catalog.validate(metrics(Map.of("pass-at-kk", MetricSelection.of(List.of(1)),
                "mean", MetricSelection.of(List.of(2)), "maj-at-k", MetricSelection.of(true))), "job.yaml"))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageContaining("job.yaml: metrics.pass-at-kk: unknown metric (known: exact-match, maj-at-k, mean, "
                        + "pass-at-k, score, fields, bootstrap, groups, lower-is-better)")
                .hasMessageContaining("job.yaml: metrics.mean: must be true or false, not a list")
                .hasMessageContaining("job.yaml: metrics.maj-at-k: must be a list of positive integers (the k)")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(3));
        assertThatThrownBy(() -> catalog.validate(metrics(Map.of("mean", MetricSelection.of(false))), "job.yaml"))
                .hasMessage("job.yaml: metrics: selects no metric (give exact-match, maj-at-k, mean, pass-at-k, score "
                        + "or fields)");
        catalog.validate(metrics(Map.of("mean", MetricSelection.of(false)), FieldMetric.parse("cost", "mean")), "job.yaml");
    }

    @Test
    void reportsListMetricsInCatalogOrderByKAsANumber() {
        List<String> names = List.of("maj@8", "score", "pass@100", "cost:mean", "maj@16", "pass@1", "exact_match",
                "pass@10", "answer:maj@4", "mean");
        List<String> sorted = RunQueries.onTestDatabase().jdbc()
                .sql("select m from unnest(cast(? as text[])) m order by " + catalog.orderBy("m"))
                .param(names.toArray(String[]::new)).query(String.class).list();
        assertThat(sorted).containsExactly("pass@1", "pass@10", "pass@100", "answer:maj@4", "cost:mean", "exact_match",
                "mean", "score", "maj@8", "maj@16");
    }
}
