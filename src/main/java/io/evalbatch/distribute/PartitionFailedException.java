package io.evalbatch.distribute;

/**
 * A partition of a distributed run failed on its worker, e.g. because the filter could not score
 * there; the message names the partition, the worker and the worker's explanation.
 */
public class PartitionFailedException extends RuntimeException {

    public PartitionFailedException(String message) {
        super(message);
    }
}
