package io.evalbatch.simulate;

import io.evalbatch.filter.Sample;

/**
 * A sample as the simulate step reads it.
 *
 * @param scored whether it has a result already (reused from another run), so is not scored again
 */
record PendingSample(Sample sample, boolean scored) {
}
