/**
 * Scheduled evaluations: jobs with a schedule, the input files each firing evaluates, and a lock
 * shared by all schedulers so that a firing runs once.
 */
@NullMarked
package io.evalbatch.schedule;

import org.jspecify.annotations.NullMarked;
