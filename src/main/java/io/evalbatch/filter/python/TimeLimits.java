package io.evalbatch.filter.python;

/** The CPU and elapsed seconds one program may take: the job's fixed timeout, or its problem's calibrated one. */
record TimeLimits(double cpuSeconds, double wallSeconds) {
}
