package io.evalbatch.filter;

/**
 * The CPU time a sample's program used and the CPU time it was allowed, both as the scorer
 * measured and enforced them. An outcome is <em>near the limit</em> when the program used at
 * least half of its limit: on a machine twice as slow it could have timed out, and a timeout could
 * have passed on one twice as fast.
 */
public record CpuTime(long usedMillis, long limitMillis) {

    public CpuTime {
        if (usedMillis < 0 || limitMillis <= 0) {
            throw new IllegalArgumentException("CPU time " + usedMillis + " ms of " + limitMillis + " ms");
        }
    }

    public boolean nearLimit() {
        return 2 * usedMillis >= limitMillis;
    }
}
