/**
 * The {@code test} filter: deterministic outcomes, latency and failures on demand, for evalbatch's
 * own tests and benchmarks.
 */
@NullMarked
package io.evalbatch.filter.testing;

import org.jspecify.annotations.NullMarked;
