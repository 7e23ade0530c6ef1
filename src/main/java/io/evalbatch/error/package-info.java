/**
 * The one error model: {@link io.evalbatch.error.EvalbatchException}, the root of every refusal,
 * invalid input and unavailable scorer, carries its user message and its exit code
 * ({@link io.evalbatch.error.ExitCodes}); the command line maps it in one place.
 */
@NullMarked
package io.evalbatch.error;

import org.jspecify.annotations.NullMarked;
