package io.evalbatch.filter;

/**
 * The CPU time a sample's program used and the CPU time it was allowed, both as the scorer
 * measured and enforced them; {@code sample_result.near_limit} says from them whether an outcome
 * could be another on a machine twice as fast or twice as slow.
 */
@io.evalbatch.plugin.Api
public record CpuTime(long usedMillis, long limitMillis) {

    public CpuTime {
        if (usedMillis < 0 || limitMillis <= 0) {
            throw new IllegalArgumentException("CPU time " + usedMillis + " ms of " + limitMillis + " ms");
        }
    }
}
