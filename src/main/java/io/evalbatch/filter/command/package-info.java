/**
 * The {@code command} filter: an external simulator, one process per scoring thread, spoken to in
 * JSON lines, optionally confined in the sandbox.
 */
@NullMarked
package io.evalbatch.filter.command;

import org.jspecify.annotations.NullMarked;
