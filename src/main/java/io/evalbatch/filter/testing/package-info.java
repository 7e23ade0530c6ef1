/**
 * The {@code test} filter: deterministic outcomes, latency and failures on demand, for evalbatch's
 * own tests and benchmarks.
 */
package io.evalbatch.filter.testing;
