package io.evalbatch.filter.sandbox;

/** The CPU and elapsed seconds one program may take: the job's fixed timeout, or its problem's calibrated one. */
public record TimeLimits(double cpuSeconds, double wallSeconds) {
}
