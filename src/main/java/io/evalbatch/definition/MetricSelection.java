package io.evalbatch.definition;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a job's metrics section selects one kind of metric: with a flag ({@code mean: true}) or with
 * the k it is computed for ({@code pass-at-k: [1, 10]}). Which keys exist, and which form each
 * takes, the metric catalog decides.
 *
 * @param flag the flag given, or null when the key took a list
 * @param ks   the k given, distinct and ascending; empty for a flag
 */
@io.evalbatch.plugin.Api
public record MetricSelection(@Nullable Boolean flag, List<Integer> ks) {

    public MetricSelection {
        ks = List.copyOf(ks);
    }

    public static MetricSelection of(boolean flag) {
        return new MetricSelection(flag, List.of());
    }

    public static MetricSelection of(List<Integer> ks) {
        return new MetricSelection(null, ks.stream().distinct().sorted().toList());
    }

    public boolean isFlag() {
        return flag != null;
    }

    /** Whether it selects anything: a true flag, or at least one k. */
    public boolean selects() {
        return flag != null ? flag : !ks.isEmpty();
    }
}
