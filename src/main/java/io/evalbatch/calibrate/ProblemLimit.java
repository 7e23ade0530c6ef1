package io.evalbatch.calibrate;

import org.jspecify.annotations.Nullable;

/**
 * The CPU limit one problem's samples get.
 *
 * @param canonicalCpuMs the CPU time its reference solution took; null when it has none that passes
 * @param source         where that came from: {@code measured} now, {@code stored} by an earlier
 *                       calibration, or why the fallback applies
 */
public record ProblemLimit(String task, String docId, @Nullable Long canonicalCpuMs, long cpuLimitMs, String source) {
}
