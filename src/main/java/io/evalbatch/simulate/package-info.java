/**
 * The simulate step: partitions of a run's samples scored by its filter, chunk by chunk, each chunk
 * committed with its results, so that a restart scores only what was not committed.
 */
@NullMarked
package io.evalbatch.simulate;

import org.jspecify.annotations.NullMarked;
