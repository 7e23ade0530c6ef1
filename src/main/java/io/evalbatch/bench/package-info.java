/**
 * The {@code bench} commands: synthetic runs that measure the pipeline, the metrics step and
 * distributed scoring, with the machine they ran on.
 */
@NullMarked
package io.evalbatch.bench;

import org.jspecify.annotations.NullMarked;
