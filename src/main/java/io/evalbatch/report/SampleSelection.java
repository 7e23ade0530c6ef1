package io.evalbatch.report;

/**
 * Which samples of a run to list: all by default; only those near the CPU limit, of one task, with
 * one outcome, and at most {@code limit} of them (null for all), in sample order.
 */
public record SampleSelection(boolean nearLimit, String task, String outcome, Integer limit) {

    public static final SampleSelection ALL = new SampleSelection(false, null, null, null);
}
