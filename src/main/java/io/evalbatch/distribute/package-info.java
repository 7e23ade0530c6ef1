/**
 * Distributed runs: partitions queued in the database, scored by worker processes on any machine,
 * with lost workers' partitions given to others.
 */
@NullMarked
package io.evalbatch.distribute;

import org.jspecify.annotations.NullMarked;
