/**
 * Calibrated timeouts: the CPU time each problem's reference solution takes on this machine,
 * measured once and stored, and the CPU limit it gives that problem's samples in a run (the
 * {@code calibrate} step between ingest and reuse, and {@code evalbatch calibrate}).
 */
@NullMarked
package io.evalbatch.calibrate;

import org.jspecify.annotations.NullMarked;
