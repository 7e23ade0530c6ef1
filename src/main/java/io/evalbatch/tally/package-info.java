/**
 * The tally of a completed run, its last step: outcome counts per task, the distribution of
 * durations, the slowest results and the reuse count, counted once so that the run's pages and
 * listings read a few rows instead of scanning a million results each time they are shown.
 */
@NullMarked
package io.evalbatch.tally;

import org.jspecify.annotations.NullMarked;
