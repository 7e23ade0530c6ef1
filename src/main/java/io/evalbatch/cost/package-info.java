/**
 * Cost in sight: the tokens a run's filter spends (a judge's {@code prompt_tokens} and
 * {@code completion_tokens} fields), summed per task from the stored results, priced with the job's
 * {@code cost.prices}, and the cap ({@code cost.max}, {@code --max-cost}) that stops a run before
 * the chunk that would spend past it.
 */
@NullMarked
package io.evalbatch.cost;

import org.jspecify.annotations.NullMarked;
