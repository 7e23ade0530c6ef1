package io.evalbatch.simulate;

import io.evalbatch.filter.Sample;

/**
 * A sample as the simulate step reads it, with its result cache key (null when the run's filter
 * allows no reuse), which a computed result carries so that later runs can find it.
 */
record KeyedSample(Sample sample, String cacheKey) {
}
