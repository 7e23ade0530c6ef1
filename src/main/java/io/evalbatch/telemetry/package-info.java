/**
 * What evalbatch tells operators while it runs: Micrometer meters in Prometheus's format (its own
 * and Spring Batch's observations), served on {@code /metrics} by the long-running services and
 * pushed to a Pushgateway by runs, and the samples being scored right now, for the progress line.
 */
@NullMarked
package io.evalbatch.telemetry;

import org.jspecify.annotations.NullMarked;
