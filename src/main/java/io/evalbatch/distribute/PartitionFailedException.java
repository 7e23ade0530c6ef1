package io.evalbatch.distribute;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/**
 * A partition of a distributed run failed on its worker, e.g. because the filter could not score
 * there; the message names the partition, the worker and the worker's explanation.
 */
public class PartitionFailedException extends EvalbatchException {

    public PartitionFailedException(String message) {
        super(ExitCodes.ERROR, message);
    }
}
