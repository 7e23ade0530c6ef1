/**
 * Known-good answers first: each problem's reference solution, where the inputs carry one, scored
 * through the job's own filter before the run is created ({@code check: references}, and
 * {@code evalbatch check}). A reference that does not pass says the scorer or its environment is
 * wrong for that problem, and the run is refused before it scores a model against it.
 */
@NullMarked
package io.evalbatch.check;

import org.jspecify.annotations.NullMarked;
