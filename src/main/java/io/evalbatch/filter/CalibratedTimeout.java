package io.evalbatch.filter;

/**
 * {@code timeout: {calibrate: canonical, factor: 4.0, minimum: 1.0, fallback: 3.0}}: each
 * problem's samples get {@code max(minimum, factor × t)} seconds of CPU, where t is the CPU time
 * the problem's canonical solution takes on this machine (evalplus's rule, in CPU time). So a
 * limit scales with the work the problem needs and with the machine's speed, and outcomes stay
 * comparable between machines. Problems without a canonical solution that passes its own tests
 * get {@code fallback} seconds.
 */
@io.evalbatch.plugin.Api
public record CalibratedTimeout(double factor, double minimumSeconds, double fallbackSeconds) {

    /** The CPU seconds a canonical solution may take while it is measured. */
    public static final double MEASURING_LIMIT_SECONDS = 60.0;

    public long limitMillis(long canonicalCpuMillis) {
        return Math.round(Math.max(minimumSeconds * 1000, factor * canonicalCpuMillis));
    }

    public long fallbackMillis() {
        return Math.round(fallbackSeconds * 1000);
    }
}
