/**
 * The simulate step: partitions of a run's samples scored by its filter, chunk by chunk, each chunk
 * committed with its results, so that a restart scores only what was not committed.
 */
package io.evalbatch.simulate;
