package io.evalbatch.web;

/** Samples whose wall time fell in {@code [fromMs, toMs)}; CPU time alike where the filter measures it. */
public record DurationBucket(long fromMs, long toMs, long samples, long cpuSamples) {
}
