package io.evalbatch.web;

import java.util.Set;

/**
 * Which samples of a run a grid page shows, and from where: keyset pagination over the sample id
 * (or over duration and sample id), so that any page of a million samples costs one index range.
 *
 * @param text      a piece of the response or of the detail, matched case-insensitively; null for any
 * @param minMs     shortest duration, inclusive; null for any
 * @param maxMs     longest duration, inclusive; null for any
 * @param reused    true: only results taken from earlier runs, false: only computed ones, null: both
 * @param sort      "id" (sample order) or "slowest" (longest first; among equal durations, the later sample first)
 * @param afterId   the last sample id of the previous page; null for the first page
 * @param afterMs   with sort "slowest", the duration of that sample
 * @param limit     samples per page, 1 to 500
 */
public record SampleFilter(String task, String outcome, String text, Long minMs, Long maxMs, Boolean reused,
                           String sort, Long afterId, Long afterMs, int limit) {

    /** Every outcome a filter gives, and "unscored" for samples without one yet. */
    static final Set<String> OUTCOMES = java.util.stream.Stream.concat(java.util.Arrays.stream(
            io.evalbatch.filter.Outcome.values()).map(io.evalbatch.filter.Outcome::key), java.util.stream.Stream.of(
            "unscored")).collect(java.util.stream.Collectors.toUnmodifiableSet());
    static final Set<String> SORTS = Set.of("id", "slowest");

    public SampleFilter {
        task = blankToNull(task);
        outcome = blankToNull(outcome);
        text = blankToNull(text);
        sort = sort == null || sort.isBlank() ? "id" : sort;
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome must be one of " + String.join(", ", new java.util.TreeSet<>(
                    OUTCOMES)));
        }
        if (!SORTS.contains(sort)) {
            throw new IllegalArgumentException("sort must be id or slowest");
        }
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be from 1 to 500");
        }
    }

    /** Whether no index serves this filter, so that finding its samples means examining the run's. */
    boolean needsScan() {
        return text != null || minMs != null || maxMs != null || reused != null || "passed".equals(outcome)
                || "unscored".equals(outcome);
    }

    /** Whether only samples with a result can match: the grid then walks results rather than samples. */
    boolean byResult() {
        return (outcome != null && !outcome.equals("unscored")) || minMs != null || maxMs != null || reused != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
