/**
 * Runs: creating, launching, restarting, stopping and watching them, their progress, and the job
 * of steps (ingest, calibrate, reuse, simulate, metrics, summary, tally) each one executes. It
 * sits above the step packages; none of them imports it.
 */
@NullMarked
package io.evalbatch.run;

import org.jspecify.annotations.NullMarked;
