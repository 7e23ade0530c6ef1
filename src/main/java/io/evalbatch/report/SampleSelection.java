package io.evalbatch.report;

import org.jspecify.annotations.Nullable;

/**
 * Which samples of a run to list: all by default; only those near the CPU limit, of one task, with
 * one outcome, and at most {@code limit} of them (null for all), in sample order.
 */
public record SampleSelection(boolean nearLimit, @Nullable String task, @Nullable String outcome,
                              @Nullable Integer limit) {

    public static final SampleSelection ALL = new SampleSelection(false, null, null, null);
}
