/**
 * What every step of a run stands on: the run's record ({@code RunStore}), its definition read once
 * per job execution ({@code RunDefinition}, job-scoped), the guards each chunk step is built with
 * (restart position, stop at a chunk boundary, crash points), the job names, and the explanation
 * of a failed run. Steps and the run above them import it; it imports none of them.
 */
@NullMarked
package io.evalbatch.step;

import org.jspecify.annotations.NullMarked;
