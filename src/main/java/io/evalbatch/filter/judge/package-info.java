/**
 * Model-graded scoring: the messages a judge model is sent for a sample, and how its reply is read
 * as a verdict. {@link io.evalbatch.filter.judge.MtBenchJudge} builds FastChat's MT-bench single
 * grading byte for byte; {@link io.evalbatch.filter.judge.RatingRule} reads FastChat's
 * {@code [[rating]]}.
 */
@NullMarked
package io.evalbatch.filter.judge;

import org.jspecify.annotations.NullMarked;
