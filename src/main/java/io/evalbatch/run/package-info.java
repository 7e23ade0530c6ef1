/**
 * Runs: creating, launching, restarting, stopping and watching them, their progress, the job of
 * steps (ingest, calibrate, reuse, simulate, errors, metrics, summary, tally) each one executes, and
 * the rescoring of a run's errors before it restarts. It sits above the step packages; none of
 * them imports it.
 */
@NullMarked
package io.evalbatch.run;

import org.jspecify.annotations.NullMarked;
