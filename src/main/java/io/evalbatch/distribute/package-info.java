/**
 * Distributed runs: partitions queued in the database, scored by worker processes on any machine,
 * with lost workers' partitions given to others.
 */
package io.evalbatch.distribute;
