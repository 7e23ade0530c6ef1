package io.evalbatch.report;

/**
 * How many of a task's outcomes are near the CPU limit: timed out, or used at least half of their
 * limit, so that a machine twice as fast or twice as slow could have scored them otherwise.
 *
 * @param results          scored samples of the task
 * @param nearLimit        of those, the ones near the limit
 * @param minLimitMillis   the smallest CPU limit of the task's results, null when none was measured
 * @param maxLimitMillis   the largest; equal to the smallest under a fixed timeout
 */
public record NearLimitCount(String task, long results, long nearLimit, Long minLimitMillis, Long maxLimitMillis) {
}
