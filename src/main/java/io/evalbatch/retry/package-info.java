/**
 * Samples the scorer could not score (outcome {@code error}: the environment, sandbox or endpoint
 * failed, not the answer): the {@code errors} step that ends a run FAILED when there are more of
 * them than {@code execution.max-errors} allows, and the move of their results into
 * {@code result_attempt} before a restart scores them again, so that no attempt is lost.
 */
@NullMarked
package io.evalbatch.retry;

import org.jspecify.annotations.NullMarked;
